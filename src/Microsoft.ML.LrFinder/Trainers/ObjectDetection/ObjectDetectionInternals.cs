using System.Reflection;
using Microsoft.ML.Runtime;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers.ObjectDetection;

/// <summary>
/// Every non-public member of Microsoft.ML.TorchSharp 0.23.1 the ObjectDetection hook touches, resolved once and checked
/// together before any training: the version guard. Read from the decompiled 0.23.1 ObjectDetectionTrainer.
/// </summary>
internal sealed class ObjectDetectionInternals
{
    public const string TrainerName = "ObjectDetection";

    private static readonly Lazy<ObjectDetectionInternals> Resolved = new(() => new ObjectDetectionInternals());

    private readonly MemberResolver resolver = new();
    private readonly FieldInfo? host;
    private readonly FieldInfo? option;
    private readonly ConstructorInfo? createTrainer;
    private readonly FieldInfo? model;
    private readonly FieldInfo? optimizer;
    private readonly FieldInfo? scheduler;
    private readonly MethodInfo? train;

    private ObjectDetectionInternals()
    {
        var trainerType = typeof(ObjectDetectionTrainer);
        host = resolver.Field(trainerType, "Host", typeof(IHost));
        option = resolver.Field(trainerType, "Option", typeof(ObjectDetectionTrainer.Options));
        var internalTrainer = resolver.NestedType(trainerType, "Trainer");
        createTrainer = resolver.Constructor(internalTrainer, trainerType, typeof(IChannel), typeof(IDataView));
        model = resolver.Field(internalTrainer, "Model", typeof(nn.Module));
        optimizer = resolver.Field(internalTrainer, "Optimizer", typeof(Optimizer));
        scheduler = resolver.Field(internalTrainer, "LearningRateScheduler", typeof(LRScheduler));
        train = resolver.Method(internalTrainer, "Train", typeof(IHost), typeof(IDataView), typeof(IProgressChannel));
    }

    /// <summary>The resolved members; throws <see cref="NotSupportedException"/> naming every missing one.</summary>
    public static ObjectDetectionInternals Get()
    {
        var internals = Resolved.Value;
        internals.resolver.ThrowIfMissing(TrainerName);
        return internals;
    }

    public IHost GetHost(ObjectDetectionTrainer trainer) => (IHost)host!.GetValue(trainer)!;

    /// <summary>The options object the trainer was created with (the user's; never modified).</summary>
    public ObjectDetectionTrainer.Options GetOptions(ObjectDetectionTrainer trainer) => (ObjectDetectionTrainer.Options)option!.GetValue(trainer)!;

    /// <summary>Points the trainer at <paramref name="options"/> until the returned object is disposed.</summary>
    public IDisposable UseOptions(ObjectDetectionTrainer trainer, ObjectDetectionTrainer.Options options)
    {
        object original = option!.GetValue(trainer)!;
        option.SetValue(trainer, options);
        return new FieldRestorer(() => option.SetValue(trainer, original));
    }

    /// <summary>Builds the trainer's own internal trainer: AutoFormerV2 with the pretrained weights loaded, SGD, MultiStepLR.</summary>
    public object CreateTrainer(ObjectDetectionTrainer trainer, IChannel channel, IDataView input) =>
        createTrainer!.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, [trainer, channel, input], culture: null);

    public nn.Module GetModel(object internalTrainer) => (nn.Module)model!.GetValue(internalTrainer)!;

    public Optimizer GetOptimizer(object internalTrainer) => (Optimizer)optimizer!.GetValue(internalTrainer)!;

    public void SetScheduler(object internalTrainer, LRScheduler replacement) => scheduler!.SetValue(internalTrainer, replacement);

    /// <summary>One pass of the trainer's own training loop (one optimizer step per image).</summary>
    public void Train(object internalTrainer, IHost trainerHost, IDataView input, IProgressChannel progress) =>
        train!.Invoke(internalTrainer, BindingFlags.DoNotWrapExceptions, binder: null, [trainerHost, input, progress], culture: null);
}
