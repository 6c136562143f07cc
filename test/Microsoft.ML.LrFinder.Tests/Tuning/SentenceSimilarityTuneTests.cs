using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>The tuning step on SentenceSimilarity, scored on a held-out share of the training rows; and where tuning is refused.</summary>
public class SentenceSimilarityTuneTests
{
    // MLContext does not seed torch: the head's initial weights come from torch's generator, so without a seed they depend on
    // the tests that ran before, and a 20-step sweep of some heads makes no suggestion (then no probe runs; seen once).
    private const int TorchSeed = 7;

    private static SentenceSimilarityTrainer.SentenceSimilarityOptions Options() => new()
    {
        LabelColumnName = "Label",
        Sentence1ColumnName = "Sentence1",
        Sentence2ColumnName = "Sentence2",
        BatchSize = 4,
        MaxEpoch = 1,
    };

    [Test]
    public void Without_validation_data_the_probes_are_scored_on_a_held_out_share_by_mean_squared_error()
    {
        // 16 rows, batch 4, one epoch: a 4-step budget, 2-step probes on the 8 first of the rows not held out.
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var data = TestData.DetoxPairs(mlContext, 16);
        random.manual_seed(TorchSeed);
        var result = mlContext.LrFinder().Tune(
            mlContext.Regression.Trainers.SentenceSimilarity(Options()), data, validationData: null, new LrFinderTrainerOptions { NumberOfIterations = 20, Tune = new LrTuneOptions { CandidateCount = 2, ProbeFraction = 0.5 } });

        Assert.Multiple(() =>
        {
            Assert.That(result.BudgetSteps, Is.EqualTo(4));
            Assert.That(result.Candidates, Has.Count.EqualTo(2));
            Assert.That(result.Candidates.Select(c => c.StepsRun), Is.All.EqualTo(2));
            Assert.That(result.Candidates.Select(c => c.ValidationLoss), Is.All.Matches<double>(loss => double.IsFinite(loss) && loss >= 0));
            Assert.That(result.Chosen, Is.EqualTo(result.Candidates.MinBy(c => c.ValidationLoss)));
        });
    }

    [Test]
    public void Tuning_a_task_the_step_does_not_support_fails_before_anything_trains()
    {
        // No weight file in this context's folder: anything that trained would fail differently.
        string emptyFolder = Path.Combine(TestRunFolder.Path, "tune-unsupported-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(emptyFolder);
        var mlContext = new MLContext(seed: 1) { TempFilePath = emptyFolder };
        var data = TestData.DetoxClassification(mlContext, 8);
        var finder = mlContext.MulticlassClassification.Trainers.TextClassification(MaskedLanguageModelOptions())
            .WithLrFinder(new LrFinderTrainerOptions { Tune = new LrTuneOptions() });

        var error = Assert.Throws<NotSupportedException>(() => finder.Fit(data));
        Assert.That(error!.Message, Does.Contain("TaskType = MaskedLM").And.Contain("TextClassification, SentenceRegression and NamedEntityRecognition"));
        Assert.That(Directory.EnumerateFileSystemEntries(emptyFolder), Is.Empty);
        Assert.That(finder.LastResult, Is.Null);
    }

    [Test]
    public void The_catalog_refuses_to_tune_a_task_the_step_does_not_support_before_anything_trains()
    {
        string emptyFolder = Path.Combine(TestRunFolder.Path, "tune-unsupported-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(emptyFolder);
        var mlContext = new MLContext(seed: 1) { TempFilePath = emptyFolder };
        var data = TestData.DetoxClassification(mlContext, 8);
        var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(MaskedLanguageModelOptions());

        var error = Assert.Throws<NotSupportedException>(() => mlContext.LrFinder().Tune(trainer, data));
        Assert.That(error!.Message, Does.Contain("TaskType = MaskedLM").And.Contain("TextClassification, SentenceRegression and NamedEntityRecognition"));
        Assert.That(Directory.EnumerateFileSystemEntries(emptyFolder), Is.Empty);
    }

    // Every trainer family tunes; what the step refuses is a NAS-BERT task it has no held-out loss for.
    private static TextClassificationTrainer.TextClassificationOptions MaskedLanguageModelOptions() => new()
    {
        LabelColumnName = "Label",
        Sentence1ColumnName = "Sentence",
        BatchSize = 4,
        MaxEpoch = 1,
        TaskType = BertTaskType.MaskedLM,
    };
}
