using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Samples;

/// <summary>docs/trainers/nasbert.md: SentenceSimilarity with the LR finder.</summary>
public static class SentenceSimilaritySample
{
    /// <summary>Trains on a TSV with a header and columns Sentence1, Sentence2, Similarity (float).</summary>
    public static void Run(string tsvPath, string outputFolder, bool randomInit = false)
    {
        var mlContext = SampleContext.Create(TorchSharpTrainerKind.SentenceSimilarity, randomInit);
        var data = mlContext.Data.LoadFromTextFile<Pair>(tsvPath, separatorChar: '\t', hasHeader: true, allowQuoting: true);

        var trainer = mlContext.Regression.Trainers.SentenceSimilarity(new SentenceSimilarityTrainer.SentenceSimilarityOptions
        {
            LabelColumnName = nameof(Pair.Similarity),
            Sentence1ColumnName = nameof(Pair.Sentence1),
            Sentence2ColumnName = nameof(Pair.Sentence2),
            MaxEpoch = 4,
        }).WithLrFinder();

        var model = trainer.Fit(data);
        Console.WriteLine($"Fitted with LearningRate = [{trainer.LastLearningRate:0.##e+0}]");
        trainer.LastResult!.SavePlot(Path.Combine(outputFolder, "sentence-similarity.png"));
        mlContext.Model.Save(model, data.Schema, Path.Combine(outputFolder, "sentence-similarity.zip"));
    }

    private sealed class Pair
    {
        [Data.LoadColumn(0)]
        public string Sentence1 { get; set; } = string.Empty;

        [Data.LoadColumn(1)]
        public string Sentence2 { get; set; } = string.Empty;

        [Data.LoadColumn(2)]
        public float Similarity { get; set; }
    }
}
