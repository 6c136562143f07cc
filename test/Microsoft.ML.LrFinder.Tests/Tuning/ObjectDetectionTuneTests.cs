using System.Reflection;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.Runtime;
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
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

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

        Assert.Multiple(() =>
        {
            Assert.That(result.FinderResult.SelectedLearningRate, Is.Not.Null, "the sweep made a suggestion");
            Assert.That(result.BudgetSteps, Is.EqualTo(TrainingCopies));
            Assert.That(result.Candidates, Has.Count.EqualTo(2));
            Assert.That(result.Candidates.Select(c => c.StepsRun), Is.All.EqualTo(2));
            Assert.That(result.Candidates.Select(c => c.ValidationLoss), Is.All.Matches<double>(loss => double.IsFinite(loss) && loss > 0));
            Assert.That(result.Chosen, Is.EqualTo(result.Candidates.MinBy(c => c.ValidationLoss)));
            Assert.That(result.ChosenLearningRate, Is.AnyOf(result.Candidates.Select(c => (object?)c.LearningRate).ToArray()));
        });

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

    /// <summary>
    /// The tests' own reading (Microsoft.ML.TorchSharp 0.23.1): the trainer's internal <c>Trainer</c>, built on the held-out images
    /// with <c>LogEveryNStep = 1</c>, its <c>Model</c> field pointed at the fitted transformer's detector, runs its own
    /// <c>Train</c> over them; each step logs the trainer's focal loss of one image (<c>Row: N, Loss: X</c>) before its optimizer,
    /// which holds the parameters of the detector it built and not the fitted one's, steps. The mean of those losses.
    /// </summary>
    private static double TrainersOwnMeanLoss(MLContext mlContext, ObjectDetectionTransformer model, IDataView heldOut)
    {
        var options = Options();
        options.LogEveryNStep = 1;
        var trainer = mlContext.MulticlassClassification.Trainers.ObjectDetection(options);
        var host = (IHost)typeof(ObjectDetectionTrainer).GetField("Host", Members)!.GetValue(trainer)!;
        var internalType = typeof(ObjectDetectionTrainer).GetNestedType("Trainer", BindingFlags.NonPublic)!;
        var modelField = internalType.GetField("Model", Members)!;
        var fitted = (AutoFormerV2)typeof(ObjectDetectionTransformer).GetField("Model", Members)!.GetValue(model)!;

        using var channel = host.Start("reference");
        var internalTrainer = Activator.CreateInstance(internalType, Members, binder: null, [trainer, channel, heldOut], culture: null)!;
        using var own = (AutoFormerV2)modelField.GetValue(internalTrainer)!;
        modelField.SetValue(internalTrainer, fitted);
        using var log = new LossLog(mlContext);
        using (var progress = host.StartProgressChannel("reference"))
        {
            // The trainer checkpoints its loss and step count.
            progress.SetHeader(new ProgressHeader(["Loss", "Row"]), _ => { });
            internalType.GetMethod("Train", [typeof(IHost), typeof(IDataView), typeof(IProgressChannel)])!.Invoke(internalTrainer, [host, heldOut, progress]);
        }

        Assert.That(log.Losses, Has.Count.EqualTo(2), "one step per held-out image");
        return log.Losses.Average();
    }
}
