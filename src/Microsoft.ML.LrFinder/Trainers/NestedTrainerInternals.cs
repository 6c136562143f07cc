using System.Reflection;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The non-public members that Microsoft.ML.TorchSharp 0.23.1's ObjectDetection and QuestionAnswer trainers share: the
/// trainer's <c>Host</c> and <c>Option</c> fields and its nested <c>Trainer</c> class (built with
/// <c>(trainer, IChannel, IDataView)</c>, with public <c>Model</c>, <c>LearningRateScheduler</c> and
/// <c>Train(IHost, IDataView, IProgressChannel)</c>). Each family's subclass adds the members only it has (its optimizer)
/// and is the one place its reflection lives; every member is resolved once and checked together before any training.
/// </summary>
/// <typeparam name="TTrainer">The public trainer estimator type.</typeparam>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
internal abstract class NestedTrainerInternals<TTrainer, TOptions>
    where TTrainer : class
    where TOptions : class
{
    private readonly FieldInfo? host;
    private readonly FieldInfo? option;
    private readonly ConstructorInfo? createTrainer;
    private readonly FieldInfo? model;
    private readonly FieldInfo? scheduler;
    private readonly MethodInfo? train;

    protected NestedTrainerInternals()
    {
        var trainerType = typeof(TTrainer);
        host = Resolver.Field(trainerType, "Host", typeof(IHost));
        option = Resolver.Field(trainerType, "Option", typeof(TOptions));
        InternalTrainerType = Resolver.NestedType(trainerType, "Trainer");
        createTrainer = Resolver.Constructor(InternalTrainerType, trainerType, typeof(IChannel), typeof(IDataView));
        model = Resolver.Field(InternalTrainerType, "Model", typeof(nn.Module));
        scheduler = Resolver.Field(InternalTrainerType, "LearningRateScheduler", typeof(LRScheduler));
        train = Resolver.Method(InternalTrainerType, "Train", typeof(IHost), typeof(IDataView), typeof(IProgressChannel));
    }

    /// <summary>Resolves members and remembers the ones that are missing, for the version guard.</summary>
    protected MemberResolver Resolver { get; } = new();

    /// <summary>The trainer's nested <c>Trainer</c> class; null when it is missing.</summary>
    protected Type? InternalTrainerType { get; }

    public IHost GetHost(TTrainer trainer) => (IHost)host!.GetValue(trainer)!;

    /// <summary>The options object the trainer was created with (the user's; never modified).</summary>
    public TOptions GetOptions(TTrainer trainer) => (TOptions)option!.GetValue(trainer)!;

    /// <summary>Points the trainer at <paramref name="options"/> until the returned object is disposed.</summary>
    public IDisposable UseOptions(TTrainer trainer, TOptions options)
    {
        object original = option!.GetValue(trainer)!;
        option.SetValue(trainer, options);
        return new FieldRestorer(() => option.SetValue(trainer, original));
    }

    /// <summary>Builds the trainer's own internal trainer, with its model, pretrained weights, optimizer and scheduler.</summary>
    public object CreateTrainer(TTrainer trainer, IChannel channel, IDataView input) =>
        createTrainer!.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, [trainer, channel, input], culture: null);

    public nn.Module GetModel(object internalTrainer) => (nn.Module)model!.GetValue(internalTrainer)!;

    /// <summary>The TorchSharp optimizer the internal trainer steps.</summary>
    public abstract Optimizer GetOptimizer(object internalTrainer);

    public void SetScheduler(object internalTrainer, LRScheduler replacement) => scheduler!.SetValue(internalTrainer, replacement);

    /// <summary>One pass of the trainer's own training loop.</summary>
    public void Train(object internalTrainer, IHost trainerHost, IDataView input, IProgressChannel progress) =>
        train!.Invoke(internalTrainer, BindingFlags.DoNotWrapExceptions, binder: null, [trainerHost, input, progress], culture: null);
}
