using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using TorchSharp.Modules;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// The hook for TextClassification, SentenceSimilarity and NamedEntityRecognition. The sweep builds the trainer's own internal
/// trainer (its model with the pretrained encoder, its Adam with gradient clipping, its batch preparation and batch size),
/// swaps its one-cycle scheduler for a <see cref="SweepScheduler"/> (stepped once per optimizer step, after clipping and Adam:
/// the per-step callback), captures each batch's logits with a forward hook on the head's final dense layer and recomputes the
/// trainer's loss on them, then runs the trainer's own <c>Train</c> until the sweep stops.
/// </summary>
internal sealed class NasBertTrainerSweep<TLabel, TTarget> : TrainerSweep<TorchSharpBaseTransformer>
{
    private readonly NasBertTrainer<TLabel, TTarget> trainer;

    public NasBertTrainerSweep(NasBertTrainer<TLabel, TTarget> trainer, string trainerName)
        : base(trainerName)
    {
        this.trainer = trainer;
    }

    public override IEstimator<TorchSharpBaseTransformer> Trainer => trainer;

    public override IHost Host => Internals.GetHost(trainer);

    public override int BatchSize => Options.BatchSize;

    public override double TrainerLearningRate => Options.LearningRate[0];

    public override string LearningRateOptionName => "LearningRate";

    // Its LearningRate is the peak of the one-cycle schedule it steps per batch.
    public override LrTrainingSchedule TrainingSchedule => LrTrainingSchedule.OneCycle;

    private NasBertInternals<TLabel, TTarget> Internals => NasBertInternals<TLabel, TTarget>.Get(TrainerName);

    private NasBertTrainer.NasBertOptions Options => Internals.GetOptions(trainer);

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

    public override LrFinderResult Sweep(IDataView sweepData, IDataView fullData, LrFinderOptions options, IChannel channel, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken)
    {
        var internals = Internals;
        var userOptions = internals.GetOptions(trainer);
        var sweepOptions = CopyOptions(userOptions);
        sweepOptions.ValidationSet = null;
        sweepOptions.MaxEpoch = 1;

        var host = internals.GetHost(trainer);
        LrSweep sweep;
        using (internals.UseOptions(trainer, sweepOptions))
        {
            var internalTrainer = internals.CreateTrainer(trainer, new QuietChannel(channel), fullData);

            // Started once the model is built and its weights loaded, so that elapsed time and ETA are the steps' own.
            sweep = new LrSweep(options, progress, cancellationToken);
            var model = internals.GetModel(internalTrainer);
            var optimizer = internals.GetOptimizer(internalTrainer);
            Linear.HookRemover? hook = null;
            try
            {
                var dense = internals.GetHeadDense(model, TrainerName);
                var batchLoss = NasBertBatchLoss.Read(sweepData, sweepOptions, internals.GetTokenizer(internalTrainer), internals.GetReduction(sweepOptions));
                var driver = new SweepDriver(sweep, optimizer, channel, TrainerName);
                int nextRow = 0;
                double? stepLoss = null;
                hook = dense.register_forward_hook((_, _, logits) =>
                {
                    stepLoss = batchLoss.Compute(logits, nextRow);
                    nextRow += (int)logits.shape[0];
                    return logits;
                });
                internals.SetScheduler(internalTrainer, new SweepScheduler(() =>
                {
                    double loss = stepLoss ?? throw new InvalidOperationException($"{TrainerName}: the optimizer stepped without a forward pass through the head.");
                    stepLoss = null;
                    driver.OnStep(loss);
                }));
                SweepDriver.HoldOneCyclePeakMomentum(optimizer);
                InternalTrainerCreated?.Invoke(internalTrainer);

                driver.Run(sweepOptions.BatchSize, () =>
                {
                    nextRow = 0;
                    internals.Train(internalTrainer, host, sweepData);
                });
            }
            finally
            {
                hook?.remove();
                optimizer.Dispose();
                model.Dispose();
            }
        }

        return sweep.BuildResult();
    }

    public override TorchSharpBaseTransformer FitWithLearningRate(IDataView input, double learningRate)
    {
        var internals = Internals;
        var copy = CopyOptions(internals.GetOptions(trainer));
        copy.LearningRate = [learningRate];
        using (internals.UseOptions(trainer, copy))
        {
            return trainer.Fit(input);
        }
    }

    public override bool SupportsTuning => Options.TaskType is BertTaskType.TextClassification or BertTaskType.SentenceRegression;

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

        // The scores have one column per class of the training labels; a key type with another count cannot be scored by them.
        if (!label.Type.Equals(trainingLabel.Type))
        {
            throw new ArgumentException(
                $"Column '{label.Name}' ({nameof(options.LabelColumnName)}) is {label.Type}, but {trainingLabel.Type} in the training data; map both with the same fitted MapValueToKey.",
                "input");
        }

        if (InputChecks.CountRows(validation) == 0)
        {
            throw new ArgumentException("The data has no rows to score.", "input");
        }
    }

    public override TorchSharpBaseTransformer FitProbe(IDataView input, double learningRate, int epochs)
    {
        var internals = Internals;
        var copy = CopyOptions(internals.GetOptions(trainer));
        copy.LearningRate = [learningRate];
        copy.MaxEpoch = epochs;
        copy.ValidationSet = null;
        using (internals.UseOptions(trainer, copy))
        {
            return trainer.Fit(input);
        }
    }

    public override double ValidationLoss(TorchSharpBaseTransformer model, IDataView validation)
    {
        // The trainer optimizes a per-batch sum of cross-entropy or squared error; per row, those are the log-loss and the mean
        // squared error ML.NET's evaluators report (log-loss clips probabilities at 1e-15).
        var options = Options;
        var scored = model.Transform(validation);
        var evaluation = new MLContext();
        return options.TaskType switch
        {
            BertTaskType.TextClassification => evaluation.MulticlassClassification.Evaluate(
                scored, options.LabelColumnName, options.ScoreColumnName, options.PredictionColumnName).LogLoss,
            BertTaskType.SentenceRegression => evaluation.Regression.Evaluate(scored, options.LabelColumnName, options.ScoreColumnName).MeanSquaredError,
            _ => base.ValidationLoss(model, validation),
        };
    }

    // A shallow copy keeps every setting (internal ones too); the only mutable reference, LearningRate, gets its own list.
    private static NasBertTrainer.NasBertOptions CopyOptions(NasBertTrainer.NasBertOptions options)
    {
        var copy = OptionsCopy.Of(options);
        copy.LearningRate = [.. options.LearningRate];
        return copy;
    }
}
