using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Samples;

/// <summary>docs/tuning.md: the tuning step on TextClassification, as an analysis step and inside WithLrFinder.</summary>
public static class TuningSample
{
    /// <summary>Trains on a TSV with a header and columns Sentiment (label) and SentimentText (text).</summary>
    public static void Run(string tsvPath, string outputFolder)
    {
        var mlContext = new MLContext(seed: 1);
        var raw = mlContext.Data.LoadFromTextFile<Comment>(tsvPath, separatorChar: '\t', hasHeader: true, allowQuoting: true);
        var data = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Comment.Sentiment)).Fit(raw).Transform(raw);

        // One split for the whole sample: the held-out rows score the probes and never train.
        var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);
        var options = new TextClassificationTrainer.TextClassificationOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = nameof(Comment.SentimentText),
            BatchSize = 32,
            MaxEpoch = 4,
        };

        // As an analysis step: sweep, then probe three rates around the selected one for a fifth of the 4-epoch budget each.
        LrTuneResult tuned = mlContext.LrFinder().Tune(
            mlContext.MulticlassClassification.Trainers.TextClassification(options),
            split.TrainSet,
            split.TestSet,
            new LrFinderTrainerOptions { NumberOfIterations = 100, Tune = new LrTuneOptions { CandidateCount = 3, ProbeFraction = 0.2 } },
            new Progress<LrTuneProgress>(p => Console.WriteLine(
                $"probe {p.Probe + 1}/{p.TotalProbes}: {p.Candidate.LearningRate:0.##e+0} → log-loss {p.Candidate.ValidationLoss:F4}")));
        Console.WriteLine(tuned.ToText());                                 // the sweep's report, then the candidates
        tuned.SavePlot(Path.Combine(outputFolder, "tuned.png"));           // candidates and the chosen rate marked
        tuned.SaveJson(Path.Combine(outputFolder, "tuned.json"));          // tune.candidates[], tune.chosen

        // Inside the pipeline: WithLrFinder tunes before the real fit, scoring on the trainer's ValidationSet when it has one.
        options.ValidationSet = split.TestSet;
        var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(options)
            .WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 100, Tune = new LrTuneOptions() });
        var model = trainer.Fit(split.TrainSet);
        Console.WriteLine($"Fitted with LearningRate = [{trainer.LastLearningRate:0.##e+0}]; the sweep selected {trainer.LastResult!.SelectedLearningRate:0.##e+0}");
        mlContext.Model.Save(model, split.TrainSet.Schema, Path.Combine(outputFolder, "tuned-model.zip"));
    }

    private sealed class Comment
    {
        [Data.LoadColumn(0)]
        public string Sentiment { get; set; } = string.Empty;

        [Data.LoadColumn(1)]
        public string SentimentText { get; set; } = string.Empty;
    }
}
