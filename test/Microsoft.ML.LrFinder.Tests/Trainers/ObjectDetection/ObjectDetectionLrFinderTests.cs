using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.LrFinder.Trainers;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.ObjectDetection;

/// <summary>The LR finder on ML.NET's ObjectDetection trainer (one fruit image four times, one optimizer step per image).</summary>
public class ObjectDetectionLrFinderTests : TrainerLrFinderContract<ObjectDetectionTransformer, ObjectDetectionTrainer.Options>
{
    protected override PretrainedModel Weights => PretrainedModel.AutoFormer;

    protected override int Iterations => 12;

    // ML.NET starts its SGD at InitLearningRate and keeps it for the epoch (MultiStepLR steps per epoch).
    protected override LrTrainingSchedule TrainersSchedule => LrTrainingSchedule.Constant;

    /// <summary>
    /// From 1e-5 to 1 over one image repeated (<see cref="TrainingData"/>): the detector's loss then falls at the rates that
    /// train it, so lagfree makes a suggestion (measured: 1.12e-3) and the rate the fit trains at can only be the finder's.
    /// </summary>
    protected override LrFinderTrainerOptions SweepOptions() => new() { NumberOfIterations = Iterations, StartLearningRate = 1e-5, EndLearningRate = 1 };

    protected override IReadOnlyList<string> OutputColumns => ["PredictedLabel", "PredictedBoundingBoxes", "Score"];

    protected override ObjectDetectionTrainer.Options CreateOptions(double? learningRate = null)
    {
        var options = new ObjectDetectionTrainer.Options
        {
            LabelColumnName = "Labels",
            BoundingBoxColumnName = "Box",
            ImageColumnName = "Image",
            MaxEpoch = 1,
            // Random weights score every box low; keep the low ones so that predictions tell models apart.
            ScoreThreshold = 0.05,
        };
        // The user's rate is 1e-4, not ML.NET's default of 1, and more than a decade from the sweep's selection: fits at 1 are
        // chaotic here (two identical fits were seen 37.8 apart).
        options.InitLearningRate = learningRate ?? 1e-4;
        return options;
    }

    protected override double LearningRateOf(ObjectDetectionTrainer.Options options) => options.InitLearningRate;

    protected override object[] Snapshot(ObjectDetectionTrainer.Options options) =>
        [options.InitLearningRate, options.MaxEpoch, options.LogEveryNStep, options.Steps, string.Join(",", options.Steps), options.ValidationSet ?? (object)"none"];

    protected override IEstimator<ObjectDetectionTransformer> CreateTrainer(MLContext mlContext, ObjectDetectionTrainer.Options options) =>
        mlContext.MulticlassClassification.Trainers.ObjectDetection(options);

    protected override IDataView TrainingData(MLContext mlContext) => TestData.FruitDetectionOfOneImage(mlContext, copies: 4);

    protected override float[] Predictions(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var boxes = scored.GetColumn<VBuffer<float>>("PredictedBoundingBoxes").SelectMany(v => v.DenseValues());
        var scores = scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues());
        return boxes.Concat(scores).ToArray();
    }

    // SGD at InitLearningRate for every image of the epoch; its MultiStepLR steps once per epoch, after the epoch's steps.
    protected override IReadOnlyList<double> FitSchedule(ObjectDetectionTrainer.Options options, double learningRate, long rows) =>
        Enumerable.Repeat(learningRate, (int)rows * options.MaxEpoch).ToArray();

    // No forward hook on the detector fires (docs/trainers/object-detection.md): the loss is read by replaying the sweep.
    protected override Func<Tensor, Tensor, double>? HeadLoss => null;

    /// <summary>
    /// Replays the sweep through the trainer's own <c>Fit</c>: the same start (torch seed, context seed), its optimizer set to the
    /// sweep's rate before each step, enough epochs for every point, and <c>LogEveryNStep = 1</c>, so that the trainer logs its
    /// own focal loss for every step as <c>Row: N, Loss: X</c>.
    /// </summary>
    protected override IReadOnlyList<double> TrainersOwnLosses(LrFinderResult result, IReadOnlyList<double?> headLosses)
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);
        var points = result.Curve.Points;
        int images = (int)InputChecks.CountRows(data);
        var options = CreateOptions();
        options.MaxEpoch = (points.Count + images - 1) / images;
        options.LogEveryNStep = 1;
        using var log = new LossLog(mlContext);
        using var observer = new TrainerObserver(mlContext, headLoss: null) { DriveFitRate = step => points[Math.Min(step, points.Count - 1)].LearningRate };

        random.manual_seed(TorchSeed);
        CreateTrainer(mlContext, options).Fit(observer.Observe(data));

        return log.Losses.Take(points.Count).ToArray();
    }

    protected override IEnumerable<(string Case, Func<MLContext, IDataView> Data, string MessageNames)> BadInputs()
    {
        yield return ("missing image column", ml => ml.Transforms.DropColumns("Image").Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Image'");
        yield return ("boxes not floats", ml => ml.Transforms.Conversion.ConvertType("Box", outputKind: DataKind.Double).Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Box'");
        yield return ("labels not keys", ml => ml.Transforms.Conversion.MapKeyToValue("Labels").Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Labels'");
        yield return ("empty data", ml => ml.Data.TakeRows(TrainingData(ml), 1) is var one ? ml.Data.SkipRows(one, 1) : one, "no rows");
    }
}
