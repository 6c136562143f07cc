using Microsoft.ML.Runtime;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// Presents a trainer hook under a less derived transformer type, for <c>WithLrFinder</c> on a trainer held as, for example,
/// <c>IEstimator&lt;ITransformer&gt;</c> (estimators are covariant in their transformer; the hooks are not).
/// </summary>
internal sealed class CovariantTrainerSweep<TBase, TDerived> : TrainerSweep<TBase>
    where TBase : class, ITransformer
    where TDerived : class, TBase
{
    private readonly TrainerSweep<TDerived> inner;

    public CovariantTrainerSweep(TrainerSweep<TDerived> inner)
        : base(inner.TrainerName)
    {
        this.inner = inner;
    }

    public override IEstimator<TBase> Trainer => inner.Trainer;

    public override IHost Host => inner.Host;

    public override int BatchSize => inner.BatchSize;

    public override double TrainerLearningRate => inner.TrainerLearningRate;

    public override string LearningRateOptionName => inner.LearningRateOptionName;

    public override LrTrainingSchedule TrainingSchedule => inner.TrainingSchedule;

    public override Action<object>? InternalTrainerCreated
    {
        get => inner.InternalTrainerCreated;
        set => inner.InternalTrainerCreated = value;
    }

    public override void CheckInput(IDataView input) => inner.CheckInput(input);

    public override LrFinderResult Sweep(IDataView sweepData, IDataView fullData, LrFinderOptions options, IChannel channel, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken) =>
        inner.Sweep(sweepData, fullData, options, channel, progress, cancellationToken);

    public override TBase FitWithLearningRate(IDataView input, double learningRate) => inner.FitWithLearningRate(input, learningRate);

    public override bool SupportsTuning => inner.SupportsTuning;

    public override int Epochs => inner.Epochs;

    public override IDataView? ValidationSet => inner.ValidationSet;

    public override void CheckValidation(IDataView validation, IDataView training) => inner.CheckValidation(validation, training);

    public override TBase FitProbe(IDataView input, double learningRate, int epochs) => inner.FitProbe(input, learningRate, epochs);

    public override double ValidationLoss(TBase model, IDataView validation) => inner.ValidationLoss((TDerived)model, validation);
}
