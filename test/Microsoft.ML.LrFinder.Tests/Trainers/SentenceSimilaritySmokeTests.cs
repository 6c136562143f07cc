using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>ML.NET's SentenceSimilarity trainer fits and transforms offline, through the public catalog, and learns.</summary>
public class SentenceSimilaritySmokeTests
{
    private const int Rows = 32;

    [Test]
    public void Fits_offline_and_the_training_loss_decreases_with_epochs()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var data = TestData.DetoxPairs(mlContext, Rows);

        double lossAfterOneEpoch = TrainingLoss(Fit(mlContext, data, epochs: 1).Transform(data));
        var scored = Fit(mlContext, data, epochs: 4).Transform(data);
        double lossAfterFourEpochs = TrainingLoss(scored);

        Assert.Multiple(() =>
        {
            Assert.That(scored.Schema["Score"].Type, Is.EqualTo(NumberDataViewType.Single));
            Assert.That(lossAfterFourEpochs, Is.LessThan(lossAfterOneEpoch));
        });
        TestContext.Out.WriteLine(FormattableString.Invariant($"mean squared error after 1 epoch {lossAfterOneEpoch:F4}, after 4 epochs {lossAfterFourEpochs:F4}"));
    }

    private static ITransformer Fit(MLContext mlContext, IDataView data, int epochs)
    {
        var options = new SentenceSimilarityTrainer.SentenceSimilarityOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = "Sentence1",
            Sentence2ColumnName = "Sentence2",
            BatchSize = 8,
            MaxEpoch = epochs,
            LearningRate = [1e-3],
        };

        // MLContext does not seed torch before the head is initialised (docs/architecture.md); seed so both fits start from one model.
        random.manual_seed(7);
        return mlContext.Regression.Trainers.SentenceSimilarity(options).Fit(data);
    }

    // The trainer's own loss (squared error of Score against Label), averaged over rows.
    private static double TrainingLoss(IDataView scored) =>
        scored.GetColumn<float>("Label").Zip(scored.GetColumn<float>("Score"), (label, score) => (double)(score - label) * (score - label)).Average();
}
