using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;

namespace Microsoft.ML.LrFinder.Tests.Trainers.ObjectDetection;

/// <summary>The LR finder on ML.NET's ObjectDetection trainer (four fruit images, one optimizer step per image).</summary>
public class ObjectDetectionLrFinderTests : TrainerLrFinderContract<ObjectDetectionTransformer, ObjectDetectionTrainer.Options>
{
    protected override PretrainedModel Weights => PretrainedModel.AutoFormer;

    protected override int Iterations => 12;

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
        if (learningRate is { } lr)
        {
            options.InitLearningRate = lr;
        }

        return options;
    }

    protected override double LearningRateOf(ObjectDetectionTrainer.Options options) => options.InitLearningRate;

    protected override object[] Snapshot(ObjectDetectionTrainer.Options options) =>
        [options.InitLearningRate, options.MaxEpoch, options.LogEveryNStep, options.Steps, string.Join(",", options.Steps), options.ValidationSet ?? (object)"none"];

    protected override IEstimator<ObjectDetectionTransformer> CreateTrainer(MLContext mlContext, ObjectDetectionTrainer.Options options) =>
        mlContext.MulticlassClassification.Trainers.ObjectDetection(options);

    protected override LrFinderEstimator<ObjectDetectionTransformer> WithLrFinder(
        IEstimator<ObjectDetectionTransformer> trainer, LrFinderOptions options, LrFinderTrainerOptions? trainerOptions = null) =>
        ((ObjectDetectionTrainer)trainer).WithLrFinder(options, trainerOptions);

    protected override LrFinderResult Find(MLContext mlContext, ObjectDetectionTrainer.Options options, IDataView data, LrFinderOptions finderOptions) =>
        mlContext.LrFinder().Find(options, data, finderOptions);

    protected override IDataView TrainingData(MLContext mlContext) => TestData.FruitDetection(mlContext);

    protected override float[] Predictions(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var boxes = scored.GetColumn<VBuffer<float>>("PredictedBoundingBoxes").SelectMany(v => v.DenseValues());
        var scores = scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues());
        return boxes.Concat(scores).ToArray();
    }

    protected override IEnumerable<(string Case, Func<MLContext, IDataView> Data, string MessageNames)> BadInputs()
    {
        yield return ("missing image column", ml => ml.Transforms.DropColumns("Image").Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Image'");
        yield return ("boxes not floats", ml => ml.Transforms.Conversion.ConvertType("Box", outputKind: DataKind.Double).Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Box'");
        yield return ("labels not keys", ml => ml.Transforms.Conversion.MapKeyToValue("Labels").Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Labels'");
        yield return ("empty data", ml => ml.Data.TakeRows(TrainingData(ml), 1) is var one ? ml.Data.SkipRows(one, 1) : one, "no rows");
    }
}
