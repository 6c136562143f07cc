using Microsoft.ML.Data;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// The hook for TextClassification, SentenceSimilarity and NamedEntityRecognition. The sweep builds the trainer's own internal
/// trainer (its model with the pretrained encoder, its Adam with gradient clipping, its batch preparation and batch size),
/// swaps its one-cycle scheduler for a <see cref="SweepScheduler"/> (stepped once per optimizer step, after clipping and Adam:
/// the per-step callback), captures each batch's logits with a forward hook on the head's final dense layer and recomputes the
/// trainer's loss on them, then runs the trainer's own <c>Train</c> until the sweep stops.
/// </summary>
internal sealed class NasBertTrainerHook<TLabel, TTarget>
    : TrainerHook<NasBertInternals<TLabel, TTarget>, NasBertTrainer<TLabel, TTarget>, NasBertTrainer.NasBertOptions, TorchSharpBaseTransformer>
{
    // Its LearningRate is the peak of the one-cycle schedule it steps per batch.
    public NasBertTrainerHook(NasBertTrainer<TLabel, TTarget> trainer, string trainerName)
        : base(trainer, trainerName, LrTrainingSchedule.OneCycle, "LearningRate")
    {
    }

    public override int BatchSize => Options.BatchSize;

    public override double TrainerLearningRate => Options.LearningRate[0];

    public override void CheckInput(IDataView input)
    {
        var options = Options;
        InputChecks.RequireText(InputChecks.Column(input, options.Sentence1ColumnName, nameof(options.Sentence1ColumnName), TrainerName), nameof(options.Sentence1ColumnName));
        if (options.Sentence2ColumnName is not null || options.TaskType == BertTaskType.SentenceRegression)
        {
            InputChecks.RequireText(InputChecks.Column(input, options.Sentence2ColumnName, nameof(options.Sentence2ColumnName), TrainerName), nameof(options.Sentence2ColumnName));
        }

        var label = InputChecks.Column(input, options.LabelColumnName, nameof(options.LabelColumnName), TrainerName);
        switch (options.TaskType)
        {
            case BertTaskType.TextClassification:
                InputChecks.RequireKey(label, nameof(options.LabelColumnName));
                break;
            case BertTaskType.SentenceRegression:
                InputChecks.RequireSingle(label, nameof(options.LabelColumnName));
                break;
            case BertTaskType.NamedEntityRecognition:
                InputChecks.RequireKeyVector(label, nameof(options.LabelColumnName));
                break;
            default:
                throw new NotSupportedException($"{TrainerName}: NAS-BERT task {options.TaskType} is not supported by the LR finder.");
        }

        InputChecks.RequireOneBatch(InputChecks.CountRows(input), options.BatchSize, nameof(options.BatchSize), TrainerName);
        int classes = options.TaskType switch
        {
            BertTaskType.TextClassification => input.GetColumn<uint>(label).Distinct().Count(),
            BertTaskType.NamedEntityRecognition => input.GetColumn<VBuffer<uint>>(label).SelectMany(v => v.DenseValues()).Distinct().Count(),
            _ => int.MaxValue,
        };
        InputChecks.RequireTwoClasses(classes, label.Name, nameof(options.LabelColumnName));
    }

    public override bool SupportsTuning => Options.TaskType is BertTaskType.TextClassification or BertTaskType.SentenceRegression or BertTaskType.NamedEntityRecognition;

    public override NotSupportedException NotTunable() => new(
        $"{TrainerName} with TaskType = {Options.TaskType}: the tuning step probes the NAS-BERT tasks TextClassification, SentenceRegression and NamedEntityRecognition only.");

    public override int Epochs => Options.MaxEpoch;

    public override IDataView? ValidationSet => Options.ValidationSet;

    public override void CheckValidation(IDataView validation, IDataView training)
    {
        var options = Options;
        InputChecks.RequireText(InputChecks.Column(validation, options.Sentence1ColumnName, nameof(options.Sentence1ColumnName), TrainerName), nameof(options.Sentence1ColumnName));
        if (options.Sentence2ColumnName is not null || options.TaskType == BertTaskType.SentenceRegression)
        {
            InputChecks.RequireText(InputChecks.Column(validation, options.Sentence2ColumnName, nameof(options.Sentence2ColumnName), TrainerName), nameof(options.Sentence2ColumnName));
        }

        var label = InputChecks.Column(validation, options.LabelColumnName, nameof(options.LabelColumnName), TrainerName);
        var trainingLabel = InputChecks.Column(training, options.LabelColumnName, nameof(options.LabelColumnName), TrainerName);

        InputChecks.RequireTrainingLabelType(label, trainingLabel, nameof(options.LabelColumnName));
        InputChecks.RequireRowsToScore(validation);
    }


    public override double ValidationLoss(ITransformer model, IDataView validation)
    {
        // The trainer optimizes a per-batch sum of cross-entropy or squared error; per row, those are the log-loss and the mean
        // squared error ML.NET's evaluators report (log-loss clips probabilities at 1e-15). NER's transformer has no scores to
        // evaluate: its loss is the trainer's per-token cross-entropy on the logits its head computes.
        var options = Options;
        var scored = model.Transform(validation);
        var evaluation = new MLContext();
        return options.TaskType switch
        {
            BertTaskType.TextClassification => evaluation.MulticlassClassification.Evaluate(
                scored, options.LabelColumnName, options.ScoreColumnName, options.PredictionColumnName).LogLoss,
            BertTaskType.SentenceRegression => evaluation.Regression.Evaluate(scored, options.LabelColumnName, options.ScoreColumnName).MeanSquaredError,
            BertTaskType.NamedEntityRecognition => TokenClassificationValidationLoss.Compute(
                model, validation, options, Internals.GetHeadDense(Internals.GetModel((TorchSharpBaseTransformer)model), TrainerName), Internals.GetSharedTokenizer()),
            _ => base.ValidationLoss(model, validation),
        };
    }

    protected override void SetLearningRate(NasBertTrainer.NasBertOptions options, double learningRate) => options.LearningRate = [learningRate];

    protected override void OwnLists(NasBertTrainer.NasBertOptions copy) => copy.LearningRate = [.. copy.LearningRate];

    protected override void PrepareForProbe(NasBertTrainer.NasBertOptions probeOptions, int epochs)
    {
        probeOptions.MaxEpoch = epochs;
        probeOptions.ValidationSet = null;
    }

    protected override void PrepareForSweep(NasBertTrainer.NasBertOptions sweepOptions)
    {
        sweepOptions.ValidationSet = null;
        sweepOptions.MaxEpoch = 1;
    }

    protected override IStepLossCapture CaptureStepLosses(
        NasBertInternals<TLabel, TTarget> internals, object internalTrainer, nn.Module model, NasBertTrainer.NasBertOptions sweepOptions, IDataView sweepData, Action<double> onStepLoss)
    {
        var dense = internals.GetHeadDense(model, TrainerName);
        var batchLoss = NasBertBatchLoss.Read(sweepData, sweepOptions, internals.GetTokenizer(internalTrainer), internals.GetReduction(sweepOptions));
        return new HeadLogitsLossCapture(dense, batchLoss, onStepLoss, TrainerName);
    }
}
