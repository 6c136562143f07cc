using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

/// <summary>
/// The hook for QuestionAnswer. The trainer clips gradients, steps Adam and then its one-cycle scheduler once per batch; with
/// <c>LogEveryNStep = 1</c> it then hands the step's loss, (CE(start) + CE(end)) / 2 summed over the batch, to the progress
/// channel it is given: that checkpoint is the per-step callback. The scheduler is replaced by one that does nothing. The
/// tuning step's probes are real fits at <c>LearningRate = [candidate]</c>, scored by the trainer's loss on held-out rows
/// (<see cref="QuestionAnswerValidationLoss"/>).
/// </summary>
internal sealed class QuestionAnswerTrainerHook : TrainerHook<QuestionAnswerInternals, QATrainer, QATrainer.Options, QATransformer>
{
    // Its LearningRate is the peak of the one-cycle schedule it steps per batch.
    public QuestionAnswerTrainerHook(QATrainer trainer)
        : base(trainer, QuestionAnswerInternals.TrainerName, LrTrainingSchedule.OneCycle, "LearningRate")
    {
    }

    public override int BatchSize => Options.BatchSize;

    public override int Epochs => Options.MaxEpoch;

    public override double TrainerLearningRate => Options.LearningRate[0];

    public override void CheckInput(IDataView input)
    {
        var options = Options;
        RequireColumns(input);
        InputChecks.RequireOneBatch(InputChecks.CountRows(input), options.BatchSize, nameof(options.BatchSize), TrainerName);
    }

    public override bool SupportsTuning => true;

    public override IDataView? ValidationSet => Options.ValidationSet;

    public override void CheckValidation(IDataView validation, IDataView training)
    {
        RequireColumns(validation);
        InputChecks.RequireRowsToScore(validation);

        // The trainer skips rows whose answer does not line up with the context's tokens; the held-out loss skips them too.
        var options = Options;
        var internals = Internals;
        if (QuestionAnswerValidationLoss.CountAlignedRows(validation, options, internals.RowPreparation(internals.GetSharedTokenizer(), CPU)) == 0)
        {
            throw new ArgumentException(
                $"No row's answer (column '{options.TrainingAnswerColumnName}', from the character in column '{options.AnswerIndexStartColumnName}') lines up with the tokens of its context (column '{options.ContextColumnName}'): QuestionAnswer skips such rows, so none is left to score.",
                "input");
        }
    }


    public override double ValidationLoss(ITransformer model, IDataView validation)
    {
        var internals = Internals;
        var transformer = (QATransformer)model;
        return QuestionAnswerValidationLoss.Compute(
            internals.GetModel(transformer), validation, Options, transformer.Tokenizer, internals.RowPreparation(transformer.Tokenizer, internals.GetDevice(transformer)));
    }

    private void RequireColumns(IDataView data)
    {
        var options = Options;
        InputChecks.RequireText(InputChecks.Column(data, options.ContextColumnName, nameof(options.ContextColumnName), TrainerName), nameof(options.ContextColumnName));
        InputChecks.RequireText(InputChecks.Column(data, options.QuestionColumnName, nameof(options.QuestionColumnName), TrainerName), nameof(options.QuestionColumnName));
        InputChecks.RequireText(
            InputChecks.Column(data, options.TrainingAnswerColumnName, nameof(options.TrainingAnswerColumnName), TrainerName), nameof(options.TrainingAnswerColumnName));
        InputChecks.RequireInt32(
            InputChecks.Column(data, options.AnswerIndexStartColumnName, nameof(options.AnswerIndexStartColumnName), TrainerName), nameof(options.AnswerIndexStartColumnName));
    }

    protected override void SetLearningRate(QATrainer.Options options, double learningRate) => options.LearningRate = [learningRate];

    protected override void OwnLists(QATrainer.Options copy) => copy.LearningRate = [.. copy.LearningRate];

    protected override void PrepareForProbe(QATrainer.Options probeOptions, int epochs)
    {
        probeOptions.MaxEpoch = epochs;
        probeOptions.ValidationSet = null;
    }

    protected override void PrepareForSweep(QATrainer.Options sweepOptions)
    {
        sweepOptions.ValidationSet = null;
        sweepOptions.MaxEpoch = 1;
        sweepOptions.LogEveryNStep = 1;
    }
}
