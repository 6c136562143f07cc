using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Tests.Trainers.NasBert;

/// <summary>
/// The contract for the NAS-BERT family (TextClassification, SentenceSimilarity, NamedEntityRecognition): what the three
/// share — 16 rows, batch 4, one epoch, a 20-step sweep, and the trainer's one-cycle schedule peaking at <c>LearningRate[0]</c>.
/// </summary>
/// <typeparam name="TOptions">The trainer's options class.</typeparam>
public abstract class NasBertLrFinderContract<TOptions> : TrainerLrFinderContract<TorchSharpBaseTransformer, TOptions>
    where TOptions : NasBertTrainer.NasBertOptions, new()
{
    /// <summary>The training rows: four batches of four.</summary>
    protected const int Rows = 16;

    protected override int Iterations => 20;

    // ML.NET trains it with TorchSharp's OneCycleLR at this peak.
    protected override LrTrainingSchedule TrainersSchedule => LrTrainingSchedule.OneCycle;

    /// <summary>The sentence columns the trainer reads: the second is null for a one-sentence task.</summary>
    protected virtual (string First, string? Second) SentenceColumns => ("Sentence", null);

    protected override TOptions CreateOptions(double? learningRate = null)
    {
        var options = new TOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = SentenceColumns.First,
            BatchSize = 4,
            MaxEpoch = 1,
        };
        if (SentenceColumns.Second is { } second)
        {
            options.Sentence2ColumnName = second;
        }

        if (learningRate is { } lr)
        {
            options.LearningRate = [lr];
        }

        return options;
    }

    protected override double LearningRateOf(TOptions options) => options.LearningRate[0];

    protected override IReadOnlyList<double> FitSchedule(TOptions options, double learningRate, long rows) =>
        OneCycleSchedule.Rates(
            learningRate, rows, options.BatchSize, options.MaxEpoch, options.WarmupRatio, options.StartLearningRateRatio, options.FinalLearningRateRatio,
            steps: (int)((rows + options.BatchSize - 1) / options.BatchSize) * options.MaxEpoch);
}
