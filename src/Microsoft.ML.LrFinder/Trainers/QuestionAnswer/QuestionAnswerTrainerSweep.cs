using Microsoft.ML.Runtime;
using Microsoft.ML.TorchSharp.Roberta;

namespace Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

/// <summary>
/// The hook for QuestionAnswer. The trainer clips gradients, steps Adam and then its one-cycle scheduler once per batch; with
/// <c>LogEveryNStep = 1</c> it then hands the step's loss, (CE(start) + CE(end)) / 2 summed over the batch, to the progress
/// channel it is given: that checkpoint is the per-step callback. The scheduler is replaced by one that does nothing.
/// </summary>
internal sealed class QuestionAnswerTrainerSweep : TrainerSweep<QATransformer>
{
    private readonly QATrainer trainer;

    public QuestionAnswerTrainerSweep(QATrainer trainer)
        : base(QuestionAnswerInternals.TrainerName)
    {
        this.trainer = trainer;
    }

    public override IEstimator<QATransformer> Trainer => trainer;

    public override IHost Host => QuestionAnswerInternals.Get().GetHost(trainer);

    public override int BatchSize => Options.BatchSize;

    public override double TrainerLearningRate => Options.LearningRate[0];

    public override string LearningRateOptionName => "LearningRate";

    // Its LearningRate is the peak of the one-cycle schedule it steps per batch.
    public override LrTrainingSchedule TrainingSchedule => LrTrainingSchedule.OneCycle;

    private QATrainer.Options Options => QuestionAnswerInternals.Get().GetOptions(trainer);

    public override void CheckInput(IDataView input)
    {
        var options = Options;
        InputChecks.RequireText(InputChecks.Column(input, options.ContextColumnName, nameof(options.ContextColumnName), TrainerName), nameof(options.ContextColumnName));
        InputChecks.RequireText(InputChecks.Column(input, options.QuestionColumnName, nameof(options.QuestionColumnName), TrainerName), nameof(options.QuestionColumnName));
        InputChecks.RequireText(
            InputChecks.Column(input, options.TrainingAnswerColumnName, nameof(options.TrainingAnswerColumnName), TrainerName), nameof(options.TrainingAnswerColumnName));
        InputChecks.RequireInt32(
            InputChecks.Column(input, options.AnswerIndexStartColumnName, nameof(options.AnswerIndexStartColumnName), TrainerName), nameof(options.AnswerIndexStartColumnName));
        InputChecks.RequireOneBatch(InputChecks.CountRows(input), options.BatchSize, nameof(options.BatchSize), TrainerName);
    }

    public override LrFinderResult Sweep(IDataView sweepData, IDataView fullData, LrFinderOptions options, IChannel channel, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken)
    {
        var internals = QuestionAnswerInternals.Get();
        var sweepOptions = CopyOptions(internals.GetOptions(trainer));
        sweepOptions.ValidationSet = null;
        sweepOptions.MaxEpoch = 1;
        sweepOptions.LogEveryNStep = 1;

        return NestedTrainerSweepRunner.Run(
            internals, trainer, sweepOptions, sweepOptions.BatchSize, sweepData, fullData, options, channel, TrainerName,
            SweepDriver.HoldOneCyclePeakMomentum, InternalTrainerCreated, progress, cancellationToken);
    }

    public override QATransformer FitWithLearningRate(IDataView input, double learningRate)
    {
        var internals = QuestionAnswerInternals.Get();
        var copy = CopyOptions(internals.GetOptions(trainer));
        copy.LearningRate = [learningRate];
        using (internals.UseOptions(trainer, copy))
        {
            return trainer.Fit(input);
        }
    }

    private static QATrainer.Options CopyOptions(QATrainer.Options options)
    {
        var copy = OptionsCopy.Of(options);
        copy.LearningRate = [.. options.LearningRate];
        return copy;
    }
}
