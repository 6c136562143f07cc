using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Samples;

/// <summary>docs/trainers/nasbert.md: TextClassification with the LR finder, in a pipeline, then saved.</summary>
public static class TextClassificationSample
{
    /// <summary>Trains on a TSV with a header and columns Sentiment (label) and SentimentText (text).</summary>
    public static void Run(string tsvPath, string outputFolder, bool randomInit = false)
    {
        var mlContext = SampleContext.Create(TorchSharpTrainerKind.TextClassification, randomInit);
        mlContext.Log += (_, e) =>
        {
            if (e.RawMessage?.StartsWith("LrFinder", StringComparison.Ordinal) == true)
            {
                Console.WriteLine(e.RawMessage);
            }
        };
        var data = mlContext.Data.LoadFromTextFile<Comment>(tsvPath, separatorChar: '\t', hasHeader: true, allowQuoting: true);

        var options = new TextClassificationTrainer.TextClassificationOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = nameof(Comment.SentimentText),
            BatchSize = 32,
            MaxEpoch = 4,
        };

        // The finder sweeps the trainer's own training step, then fits it with LearningRate = [selected].
        var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(options)
            .WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 100 });
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Comment.Sentiment))
            .Append(trainer)
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);

        LrFinderResult result = trainer.LastResult!;
        Console.WriteLine($"Fitted with LearningRate = [{trainer.LastLearningRate:0.##e+0}] ({result.Selected})");
        result.SavePlot(Path.Combine(outputFolder, "text-classification.png"));
        mlContext.Model.Save(model, data.Schema, Path.Combine(outputFolder, "text-classification.zip"));

        // As an analysis step (no fit): the same sweep, for your own tuning code.
        LrFinderResult analysis = mlContext.LrFinder().Find(
            mlContext.MulticlassClassification.Trainers.TextClassification(options),
            mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Comment.Sentiment)).Fit(data).Transform(data),
            new LrFinderTrainerOptions { NumberOfIterations = 100, MaximumRows = 1024 });
        Console.WriteLine($"Analysis suggests {analysis.SelectedLearningRate:0.##e+0}");
    }

    private sealed class Comment
    {
        [Data.LoadColumn(0)]
        public string Sentiment { get; set; } = string.Empty;

        [Data.LoadColumn(1)]
        public string SentimentText { get; set; } = string.Empty;
    }
}
