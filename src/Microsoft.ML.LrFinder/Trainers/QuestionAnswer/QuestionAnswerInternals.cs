using System.Reflection;
using Microsoft.ML.Runtime;
using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

/// <summary>
/// Every non-public member of Microsoft.ML.TorchSharp 0.23.1 the QuestionAnswer hook touches, resolved once and checked
/// together before any training: the version guard. Read from the decompiled 0.23.1 QATrainer.
/// </summary>
internal sealed class QuestionAnswerInternals
{
    public const string TrainerName = "QuestionAnswer";

    /// <summary>
    /// Adam's β1 during a sweep: the momentum QATrainer.Trainer's OneCycleLR (base_momentum 0.85, max_momentum 0.95) pairs with
    /// the peak learning rate, which is where the suggestion is fed back. The sweep replaces that scheduler, so it holds β1 there.
    /// </summary>
    public const double PeakMomentum = 0.85;

    private static readonly Lazy<QuestionAnswerInternals> Resolved = new(() => new QuestionAnswerInternals());

    private readonly MemberResolver resolver = new();
    private readonly FieldInfo? host;
    private readonly FieldInfo? option;
    private readonly ConstructorInfo? createTrainer;
    private readonly FieldInfo? model;
    private readonly FieldInfo? optimizer;
    private readonly PropertyInfo? torchOptimizer;
    private readonly FieldInfo? scheduler;
    private readonly MethodInfo? train;

    private QuestionAnswerInternals()
    {
        var trainerType = typeof(QATrainer);
        host = resolver.Field(trainerType, "Host", typeof(IHost));
        option = resolver.Field(trainerType, "Option", typeof(QATrainer.Options));
        var internalTrainer = resolver.NestedType(trainerType, "Trainer");
        createTrainer = resolver.Constructor(internalTrainer, trainerType, typeof(IChannel), typeof(IDataView));
        model = resolver.Field(internalTrainer, "Model", typeof(nn.Module));
        var baseOptimizer = resolver.Type(TorchSharpTrainerSupport.Assembly, "Microsoft.ML.TorchSharp.NasBert.Optimizers.BaseOptimizer");
        optimizer = baseOptimizer is null ? null : resolver.Field(internalTrainer, "Optimizer", baseOptimizer);
        torchOptimizer = resolver.Property(baseOptimizer, "Optimizer", typeof(Optimizer));
        scheduler = resolver.Field(internalTrainer, "LearningRateScheduler", typeof(LRScheduler));
        train = resolver.Method(internalTrainer, "Train", typeof(IHost), typeof(IDataView), typeof(IProgressChannel));
    }

    /// <summary>The resolved members; throws <see cref="NotSupportedException"/> naming every missing one.</summary>
    public static QuestionAnswerInternals Get()
    {
        var internals = Resolved.Value;
        internals.resolver.ThrowIfMissing(TrainerName);
        return internals;
    }

    public IHost GetHost(QATrainer trainer) => (IHost)host!.GetValue(trainer)!;

    /// <summary>The options object the trainer was created with (the user's; never modified).</summary>
    public QATrainer.Options GetOptions(QATrainer trainer) => (QATrainer.Options)option!.GetValue(trainer)!;

    /// <summary>Points the trainer at <paramref name="options"/> until the returned object is disposed.</summary>
    public IDisposable UseOptions(QATrainer trainer, QATrainer.Options options)
    {
        object original = option!.GetValue(trainer)!;
        option.SetValue(trainer, options);
        return new FieldRestorer(() => option.SetValue(trainer, original));
    }

    /// <summary>Builds the trainer's own internal trainer: RoBERTa with the pretrained encoder loaded, Adam, one-cycle scheduler.</summary>
    public object CreateTrainer(QATrainer trainer, IChannel channel, IDataView input) =>
        createTrainer!.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, [trainer, channel, input], culture: null);

    public nn.Module GetModel(object internalTrainer) => (nn.Module)model!.GetValue(internalTrainer)!;

    /// <summary>The TorchSharp Adam inside the trainer's optimizer wrapper (which clips gradients before stepping it).</summary>
    public Optimizer GetOptimizer(object internalTrainer) => (Optimizer)torchOptimizer!.GetValue(optimizer!.GetValue(internalTrainer))!;

    public void SetScheduler(object internalTrainer, LRScheduler replacement) => scheduler!.SetValue(internalTrainer, replacement);

    /// <summary>One pass of the trainer's own training loop.</summary>
    public void Train(object internalTrainer, IHost trainerHost, IDataView input, IProgressChannel progress) =>
        train!.Invoke(internalTrainer, BindingFlags.DoNotWrapExceptions, binder: null, [trainerHost, input, progress], culture: null);
}
