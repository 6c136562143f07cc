using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.NasBert;

/// <summary>The LR finder on ML.NET's NamedEntityRecognition trainer (synthetic sentences tagged PER, LOC, O).</summary>
public class NamedEntityRecognitionLrFinderTests : NasBertLrFinderContract<NerTrainer.NerOptions>
{
    protected override PretrainedModel Weights => PretrainedModel.NerNasBert;

    protected override IReadOnlyList<string> OutputColumns => ["PredictedLabel"];

    protected override object[] Snapshot(NerTrainer.NerOptions options) =>
        [options.LearningRate, string.Join(",", options.LearningRate), options.BatchSize, options.MaxEpoch, options.Sentence1ColumnName];

    protected override IEstimator<TorchSharpBaseTransformer> CreateTrainer(MLContext mlContext, NerTrainer.NerOptions options) =>
        mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(options);

    protected override IDataView TrainingData(MLContext mlContext) => TestData.EntitySentences(mlContext, Rows, seed: 3);

    // The trainer outputs one predicted tag per word and no scores.
    protected override float[] Predictions(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<VBuffer<uint>>("PredictedLabel").SelectMany(v => v.DenseValues()).Select(k => (float)k).ToArray();

    // Summed cross-entropy over every token position of [batch, tokens, tags + 1] (padding and start token count, as target 0).
    protected override Func<Tensor, Tensor, double>? HeadLoss => (logits, gradient) =>
    {
        using var scope = NewDisposeScope();
        long tags = logits.shape[^1];
        return TrainerLoss.CrossEntropySum(logits.reshape(-1, tags), gradient.reshape(-1, tags), scale: 1);
    };

    protected override IEnumerable<(string Case, Func<MLContext, IDataView> Data, string MessageNames)> BadInputs()
    {
        yield return ("missing sentence column", ml => ml.Transforms.DropColumns("Sentence").Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Sentence'");
        yield return ("label not keys", ml => ml.Transforms.Conversion.MapKeyToValue("Label").Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Label'");
        yield return ("fewer rows than a batch", ml => ml.Data.TakeRows(TrainingData(ml), 3), "BatchSize = 4");
        yield return ("one tag", OneTag, "'Label'");
    }

    private static IDataView OneTag(MLContext mlContext)
    {
        var rows = Enumerable.Range(0, 8).Select(i => new Tagged { Sentence = $"nothing happened on day {i}", Tags = ["O", "O", "O", "O", "O"] }).ToList();
        var data = mlContext.Data.LoadFromEnumerable(rows);
        return mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Tagged.Tags)).Fit(data).Transform(data);
    }

    private sealed class Tagged
    {
        public string Sentence { get; set; } = string.Empty;

        public string[] Tags { get; set; } = [];
    }
}
