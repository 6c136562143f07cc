using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// The tuning step on ObjectDetection (random-weight AutoFormerV2): the first fruit image four times to train on, one image per
/// step and one epoch, so the real budget is 4 steps and a probe of half of it is 2 steps (2 images); the second fruit image and
/// the first held out. The transformer reports only the boxes it keeps, so a probe is scored by the trainer's own focal loss on
/// the held-out images.
/// </summary>
public class ObjectDetectionTuneTests
{
    private const int TorchSeed = 7;
    private const int TrainingCopies = 4;

    // As the ObjectDetection contract (Trainers/ObjectDetection/ObjectDetectionLrFinderTests.cs): a user's rate of 1e-4, and a
    // sweep from 1e-5 to 1 over the repeated image, whose loss then falls at the rates that train it.
    private static ObjectDetectionTrainer.Options Options(double learningRate = 1e-4) => new()
    {
        LabelColumnName = "Labels",
        BoundingBoxColumnName = "Box",
        ImageColumnName = "Image",
        MaxEpoch = 1,
        InitLearningRate = learningRate,
    };

    private static LrFinderTrainerOptions SweepAndProbes() => new()
    {
        NumberOfIterations = 12,
        StartLearningRate = 1e-5,
        EndLearningRate = 1,
        Tune = new LrTuneOptions { CandidateCount = 2, ProbeFraction = 0.5 },
    };

    private static MLContext CreateContext() => PretrainedWeights.CreateContext(seed: 1, PretrainedModel.AutoFormer);

    [Test]
    public void Tune_scores_each_probe_by_the_trainers_focal_loss_on_the_held_out_images()
    {
        var mlContext = CreateContext();
        var (train, heldOut) = TestData.FruitDetectionOfOneImageAndHeldOut(mlContext, TrainingCopies);

        random.manual_seed(TorchSeed);
        var result = mlContext.LrFinder().Tune(mlContext.MulticlassClassification.Trainers.ObjectDetection(Options()), train, heldOut, SweepAndProbes());

        SingleRoundTuneAssert.ProbedAndChoseTheLowestLoss(result, budgetSteps: TrainingCopies, candidates: 2, stepsPerProbe: 2);

        // A probe is the trainer's own fit at the candidate rate on the first 2 images, from the generator as seeded above (the
        // sweep and each probe put it back); its loss, recomputed here by the trainer's own training loop on the held-out images.
        var candidate = result.Candidates[0];
        random.manual_seed(TorchSeed).Dispose();
        using var plain = mlContext.MulticlassClassification.Trainers.ObjectDetection(Options(candidate.LearningRate)).Fit(mlContext.Data.TakeRows(train, 2));
        Assert.That(candidate.ValidationLoss, Is.EqualTo(TrainersOwnMeanLoss(mlContext, plain, heldOut)).Within(1e-4).Percent);
    }

    [Test]
    public void WithLrFinder_tunes_ObjectDetection_and_fits_at_the_chosen_rate()
    {
        var mlContext = CreateContext();
        var (train, heldOut) = TestData.FruitDetectionOfOneImageAndHeldOut(mlContext, TrainingCopies);
        var options = Options();
        options.ValidationSet = heldOut;
        var finder = mlContext.MulticlassClassification.Trainers.ObjectDetection(options).WithLrFinder(SweepAndProbes());
        using var log = new LogRecorder(mlContext);

        random.manual_seed(TorchSeed);
        using var model = finder.Fit(train);

        Assert.Multiple(() =>
        {
            Assert.That(finder.LastTuneResult, Is.Not.Null);
            Assert.That(finder.LastTuneResult!.Candidates, Has.Count.EqualTo(2));
            Assert.That(finder.LastLearningRate, Is.EqualTo(finder.LastTuneResult.ChosenLearningRate));
            Assert.That(finder.LastTuneResult.Candidates.Select(c => c.LearningRate), Does.Contain(finder.LastLearningRate));
            Assert.That(log.Lines("LrFinder: ObjectDetection probe "), Has.Count.EqualTo(2));
            Assert.That(options.InitLearningRate, Is.EqualTo(1e-4), "the user's options are not changed");
        });
    }

    [Test]
    public void Held_out_labels_the_detector_has_no_class_for_are_refused_before_anything_trains()
    {
        var mlContext = CreateContext();
        var all = TestData.FruitDetection(mlContext);

        // Trained on the first two images (3 fruits), held out the last two, whose banana is key 4.
        var error = Assert.Throws<ArgumentException>(() => mlContext.LrFinder().Tune(
            mlContext.MulticlassClassification.Trainers.ObjectDetection(Options()), mlContext.Data.TakeRows(all, 2), mlContext.Data.SkipRows(all, 2), SweepAndProbes()));
        Assert.Multiple(() =>
        {
            Assert.That(error!.ParamName, Is.EqualTo("validationData"));
            Assert.That(error.Message, Does.Contain("'Labels'").And.Contain("key 4").And.Contain("3 classes"));
        });
    }

    // The trainer's own training loop over the held-out images on the fitted detector (Trainers/Observation/HeldOutTrainingLoop.cs):
    // one step per image, each logging that image's focal loss. The detector has no dropout and its batch normalisation is frozen,
    // so its training mode computes what evaluation mode computes.
    private static double TrainersOwnMeanLoss(MLContext mlContext, ObjectDetectionTransformer model, IDataView heldOut)
    {
        var options = Options();
        options.LogEveryNStep = 1;
        var losses = HeldOutTrainingLoop.StepLosses(
            mlContext, mlContext.MulticlassClassification.Trainers.ObjectDetection(options), HeldOutTrainingLoop.ModelOf(model), heldOut);
        Assert.That(losses, Has.Count.EqualTo(2), "one step per held-out image");
        return losses.Average();
    }
}
