using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Samples;

/// <summary>docs/trainers/nasbert.md: NamedEntityRecognition with the LR finder.</summary>
public static class NamedEntityRecognitionSample
{
    /// <summary>Trains on a TSV without header: a sentence, then its space-separated tags (one per word).</summary>
    public static void Run(string tsvPath, string outputFolder, bool randomInit = false)
    {
        var mlContext = SampleContext.Create(TorchSharpTrainerKind.NamedEntityRecognition, randomInit);
        var rows = File.ReadLines(tsvPath)
            .Select(line => line.Split('\t'))
            .Select(fields => new TaggedSentence { Sentence = fields[0], Tags = fields[1].Split(' ') })
            .ToList();
        var data = mlContext.Data.LoadFromEnumerable(rows);

        var trainer = mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(new NerTrainer.NerOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = nameof(TaggedSentence.Sentence),
            MaxEpoch = 4,
        }).WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 100, MaximumRows = 2000 });

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(TaggedSentence.Tags))
            .Append(trainer)
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        Console.WriteLine($"Fitted with LearningRate = [{trainer.LastLearningRate:0.##e+0}]");
        trainer.LastResult!.SavePlot(Path.Combine(outputFolder, "ner.png"));
        mlContext.Model.Save(model, data.Schema, Path.Combine(outputFolder, "ner.zip"));
    }

    private sealed class TaggedSentence
    {
        public string Sentence { get; set; } = string.Empty;

        public string[] Tags { get; set; } = [];
    }
}
