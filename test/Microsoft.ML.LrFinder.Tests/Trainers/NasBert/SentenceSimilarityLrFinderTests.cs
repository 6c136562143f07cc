using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.NasBert;

/// <summary>The LR finder on ML.NET's SentenceSimilarity trainer (pairs of detox comments, share of toxic ones as the target).</summary>
public class SentenceSimilarityLrFinderTests : NasBertLrFinderContract<SentenceSimilarityTrainer.SentenceSimilarityOptions>
{
    protected override PretrainedModel Weights => PretrainedModel.NasBert;

    protected override IReadOnlyList<string> OutputColumns => ["Score"];

    protected override (string First, string? Second) SentenceColumns => ("Sentence1", "Sentence2");

    protected override object[] Snapshot(SentenceSimilarityTrainer.SentenceSimilarityOptions options) =>
        [options.LearningRate, string.Join(",", options.LearningRate), options.BatchSize, options.MaxEpoch, options.Sentence2ColumnName!, options.WeightDecay];

    protected override IEstimator<TorchSharpBaseTransformer> CreateTrainer(MLContext mlContext, SentenceSimilarityTrainer.SentenceSimilarityOptions options) =>
        mlContext.Regression.Trainers.SentenceSimilarity(options);

    protected override IDataView TrainingData(MLContext mlContext) => TestData.DetoxPairs(mlContext, Rows);

    protected override float[] Predictions(ITransformer model, IDataView data) => model.Transform(data).GetColumn<float>("Score").ToArray();

    // Summed squared error of the squeezed head output (SentenceSimilarity's MSELoss, Reduction.Sum).
    protected override Func<Tensor, Tensor, double>? HeadLoss => (_, gradient) => TrainerLoss.SquaredErrorSum(gradient);

    protected override IEnumerable<(string Case, Func<MLContext, IDataView> Data, string MessageNames)> BadInputs()
    {
        yield return ("missing second sentence", ml => ml.Transforms.DropColumns("Sentence2").Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Sentence2'");
        yield return ("label not a float", ml => ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Double).Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Label'");
        yield return ("empty data", ml => ml.Data.FilterRowsByColumn(TrainingData(ml), "Label", lowerBound: 5, upperBound: 6), "no rows");
        yield return ("fewer rows than a batch", ml => ml.Data.TakeRows(TrainingData(ml), 2), "BatchSize = 4");
    }

    /// <summary>
    /// The recorded loss is the trainer's own for the batch: with dropout off, the first point's loss (trained at 1e-7, before
    /// any update) is the summed squared error, over the first batch, of the model a plain fit starts from. A plain fit at a
    /// learning rate of 1e-12 leaves that model unchanged to float precision, and its Score is the model's output.
    /// </summary>
    [Test]
    public void The_recorded_loss_is_the_trainers_summed_squared_error_on_the_batch()
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);
        var options = NoDropout(CreateOptions());

        // Both start from one model: the encoder from the weight file, the head from torch's generator at the same state.
        random.manual_seed(11);
        var result = mlContext.LrFinder().Find(CreateTrainer(mlContext, options), data, new LrFinderTrainerOptions { NumberOfIterations = 2 });
        random.manual_seed(11);
        var reference = NoDropout(CreateOptions(learningRate: 1e-12));
        var model = mlContext.Regression.Trainers.SentenceSimilarity(reference).Fit(data);
        var firstBatch = model.Transform(mlContext.Data.TakeRows(data, 4));
        double expected = firstBatch.GetColumn<float>("Label").Zip(firstBatch.GetColumn<float>("Score"), (y, s) => (double)(s - y) * (s - y)).Sum();

        Assert.That(result.Curve.Points[0].Loss, Is.EqualTo(expected).Within(1e-3).Percent);
    }

    private static SentenceSimilarityTrainer.SentenceSimilarityOptions NoDropout(SentenceSimilarityTrainer.SentenceSimilarityOptions options)
    {
        options.Dropout = 0;
        options.AttentionDropout = 0;
        return options;
    }
}
