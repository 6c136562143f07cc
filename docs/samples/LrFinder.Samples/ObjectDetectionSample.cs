using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;

namespace Microsoft.ML.LrFinder.Samples;

/// <summary>docs/trainers/object-detection.md: ObjectDetection with the LR finder.</summary>
public static class ObjectDetectionSample
{
    /// <summary>
    /// Trains on a TSV without header next to its images: image file name, comma-separated labels, comma-separated boxes
    /// (left, top, right, bottom; four numbers per label, in the image's pixels).
    /// </summary>
    public static void Run(string tsvPath, string outputFolder, bool randomInit = false)
    {
        var mlContext = SampleContext.Create(TorchSharpTrainerKind.ObjectDetection, randomInit);
        string imageFolder = Path.GetDirectoryName(Path.GetFullPath(tsvPath))!;
        var data = mlContext.Data.LoadFromTextFile<Annotation>(tsvPath, separatorChar: '\t');

        var trainer = mlContext.MulticlassClassification.Trainers.ObjectDetection(new ObjectDetectionTrainer.Options
        {
            LabelColumnName = "Labels",
            BoundingBoxColumnName = "Box",
            ImageColumnName = "Image",
            MaxEpoch = 10,
        }).WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 100 });

        var pipeline = mlContext.Transforms.Text.TokenizeIntoWords("Labels", nameof(Annotation.Labels), separators: [','])
            .Append(mlContext.Transforms.Conversion.MapValueToKey("Labels"))
            .Append(mlContext.Transforms.Text.TokenizeIntoWords("Box", nameof(Annotation.Box), separators: [',']))
            .Append(mlContext.Transforms.Conversion.ConvertType("Box"))
            .Append(mlContext.Transforms.LoadImages("Image", imageFolder, nameof(Annotation.ImagePath)))
            .Append(trainer)
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);

        // For object detection the selected rate becomes InitLearningRate: SGD's rate until the first of Steps decays it.
        Console.WriteLine($"Fitted with InitLearningRate = {trainer.LastLearningRate:0.##e+0}");
        trainer.LastResult!.SavePlot(Path.Combine(outputFolder, "object-detection.png"));
        mlContext.Model.Save(model, data.Schema, Path.Combine(outputFolder, "object-detection.zip"));
    }

    private sealed class Annotation
    {
        [Data.LoadColumn(0)]
        public string ImagePath { get; set; } = string.Empty;

        [Data.LoadColumn(1)]
        public string Labels { get; set; } = string.Empty;

        [Data.LoadColumn(2)]
        public string Box { get; set; } = string.Empty;
    }
}
