using System.Diagnostics;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using Microsoft.ML.TorchSharp.NasBert;
using Microsoft.ML.TorchSharp.Roberta;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>
/// Not a test: prints what a sweep of N batches costs next to a plain fit of N batches of the same trainer on the same rows
/// (both include building the model and loading the weights). Run by hand:
/// <c>dotnet test --filter "TestCategory=Measurement"</c>. Pairs are run twice, interleaved, to even out a busy machine.
/// </summary>
[Explicit("Measurement, not a test: prints timings.")]
[Category("Measurement")]
public class SweepCostMeasurements
{
    // Run every batch: no divergence stop, and a range that stays finite on the random-weight models.
    private static LrFinderTrainerOptions Sweep(int batches) => new() { NumberOfIterations = batches, EndLearningRate = 1e-2, StopOnDivergence = false };

    [Test]
    public void TextClassification_100_batches()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var data = TestData.DetoxClassification(mlContext, rows: 32);
        TextClassificationTrainer.TextClassificationOptions Options(int epochs) =>
            new() { LabelColumnName = "Label", Sentence1ColumnName = "Sentence", BatchSize = 8, MaxEpoch = epochs };
        Compare(
            "TextClassification (32 rows, batch 8)",
            100,
            () => mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.TextClassification(Options(1)), data, Sweep(100)),
            () => mlContext.MulticlassClassification.Trainers.TextClassification(Options(25)).Fit(data));
    }

    [Test]
    public void SentenceSimilarity_100_batches()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var data = TestData.DetoxPairs(mlContext, rows: 32);
        SentenceSimilarityTrainer.SentenceSimilarityOptions Options(int epochs) =>
            new() { LabelColumnName = "Label", Sentence1ColumnName = "Sentence1", Sentence2ColumnName = "Sentence2", BatchSize = 8, MaxEpoch = epochs };
        Compare(
            "SentenceSimilarity (32 pairs, batch 8)",
            100,
            () => mlContext.LrFinder().Find(mlContext.Regression.Trainers.SentenceSimilarity(Options(1)), data, Sweep(100)),
            () => mlContext.Regression.Trainers.SentenceSimilarity(Options(25)).Fit(data));
    }

    [Test]
    public void NamedEntityRecognition_100_batches()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NerNasBert);
        var data = TestData.EntitySentences(mlContext, rows: 32, seed: 3);
        NerTrainer.NerOptions Options(int epochs) => new() { LabelColumnName = "Label", Sentence1ColumnName = "Sentence", BatchSize = 8, MaxEpoch = epochs };
        Compare(
            "NamedEntityRecognition (32 sentences, batch 8)",
            100,
            () => mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(Options(1)), data, Sweep(100)),
            () => mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(Options(25)).Fit(data));
    }

    [Test]
    public void ObjectDetection_100_images()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.AutoFormer);
        var data = TestData.FruitDetection(mlContext);
        ObjectDetectionTrainer.Options Options(int epochs) =>
            new() { LabelColumnName = "Labels", BoundingBoxColumnName = "Box", ImageColumnName = "Image", MaxEpoch = epochs };
        Compare(
            "ObjectDetection (4 images 100x75, 1 per step)",
            100,
            () => mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.ObjectDetection(Options(1)), data, Sweep(100)),
            () => mlContext.MulticlassClassification.Trainers.ObjectDetection(Options(25)).Fit(data));
    }

    [Test]
    [Category(TestCategories.Large)]
    public void QuestionAnswer_20_batches()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.Roberta);
        var data = TestData.QuestionAnswers(mlContext, rows: 8);
        QATrainer.Options Options(int epochs) => new()
        {
            ContextColumnName = "Context", QuestionColumnName = "Question", TrainingAnswerColumnName = "TrainingAnswer",
            AnswerIndexStartColumnName = "AnswerStart", BatchSize = 2, MaxEpoch = epochs,
        };
        Compare(
            "QuestionAnswer (8 rows, batch 2)",
            20,
            () => mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.QuestionAnswer(Options(1)), data, Sweep(20)),
            () => mlContext.MulticlassClassification.Trainers.QuestionAnswer(Options(5)).Fit(data));
    }

    // Wall time on a shared machine swings with the other load; the process's CPU time does not, so both are printed and the
    // ratio uses CPU time.
    private static void Compare(string name, int batches, Func<LrFinderResult> sweep, Func<object> plainFit)
    {
        var process = Process.GetCurrentProcess();
        var sweepWall = new List<double>();
        var sweepCpu = new List<double>();
        var fitWall = new List<double>();
        var fitCpu = new List<double>();
        for (int round = 0; round < 2; round++)
        {
            var (result, wall, cpu) = Measure(process, sweep);
            sweepWall.Add(wall);
            sweepCpu.Add(cpu);
            Assert.That(result.IterationsRun, Is.EqualTo(batches));

            (_, wall, cpu) = Measure(process, plainFit);
            fitWall.Add(wall);
            fitCpu.Add(cpu);
        }

        static string Join(IEnumerable<double> values) => string.Join(" / ", values.Select(v => v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        TestContext.Progress.WriteLine(FormattableString.Invariant(
            $"[measure] {name}, {batches} batches: Find wall {Join(sweepWall)} s, CPU {Join(sweepCpu)} s | plain fit wall {Join(fitWall)} s, CPU {Join(fitCpu)} s | CPU ratio {sweepCpu.Min() / fitCpu.Min():F2}"));
    }

    private static (T Value, double Wall, double Cpu) Measure<T>(Process process, Func<T> action)
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var value = action();
        stopwatch.Stop();
        process.Refresh();
        return (value, stopwatch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
