using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>ML.NET's ObjectDetection trainer fits and transforms offline, through the public catalog, and learns.</summary>
public class ObjectDetectionSmokeTests
{
    private const int Epochs = 3;

    [Test]
    public void Fits_offline_and_the_logged_training_loss_decreases_over_epochs()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.AutoFormer);
        var data = TestData.FruitDetection(mlContext);
        var options = new ObjectDetectionTrainer.Options
        {
            LabelColumnName = "Labels",
            BoundingBoxColumnName = "Box",
            ImageColumnName = "Image",
            MaxEpoch = Epochs,
            LogEveryNStep = 1,
        };

        using var log = new LossLog(mlContext);
        random.manual_seed(7);
        var scored = mlContext.MulticlassClassification.Trainers.ObjectDetection(options).Fit(data).Transform(data);

        // One image per optimizer step (the trainer has no batch option): 4 losses per epoch.
        var losses = log.Losses;
        int perEpoch = losses.Count / Epochs;
        double firstEpoch = losses.Take(perEpoch).Average();
        double lastEpoch = losses.Skip(perEpoch * (Epochs - 1)).Average();
        Assert.Multiple(() =>
        {
            Assert.That(losses, Has.Count.EqualTo(4 * Epochs));
            Assert.That(scored.Schema["PredictedLabel"].Type, Is.TypeOf<VectorDataViewType>());
            Assert.That(scored.Schema["PredictedBoundingBoxes"].Type, Is.TypeOf<VectorDataViewType>());
            Assert.That(scored.Schema["Score"].Type, Is.TypeOf<VectorDataViewType>());
            Assert.That(scored.GetColumn<VBuffer<float>>("PredictedBoundingBoxes").Count(), Is.EqualTo(4));
            Assert.That(lastEpoch, Is.LessThan(firstEpoch));
        });
        TestContext.Out.WriteLine(FormattableString.Invariant($"mean focal loss, epoch 1: {firstEpoch:F4}, epoch {Epochs}: {lastEpoch:F4}"));
    }
}
