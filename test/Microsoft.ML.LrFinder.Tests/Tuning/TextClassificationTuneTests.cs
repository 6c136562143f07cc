using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// The tuning step on ML.NET's TextClassification trainer (detox comments, 2 classes, random-weight encoder): 16 rows to train
/// on, 8 held out, batch 4 and one epoch, so the real budget is 4 steps and a probe of half of it is 2 steps (8 rows).
/// </summary>
public class TextClassificationTuneTests
{
    private const int TorchSeed = 7;

    private static TextClassificationTrainer.TextClassificationOptions Options(double? learningRate = null)
    {
        var options = new TextClassificationTrainer.TextClassificationOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = "Sentence",
            BatchSize = 4,
            MaxEpoch = 1,
        };
        if (learningRate is { } lr)
        {
            options.LearningRate = [lr];
        }

        return options;
    }

    private static LrFinderTrainerOptions Sweep() => new() { NumberOfIterations = 20 };

    private static LrTuneOptions Probes() => new() { CandidateCount = 3, ProbeFraction = 0.5 };

    private static LrFinderTrainerOptions SweepAndProbes() => new() { NumberOfIterations = 20, Tune = Probes() };

    private static MLContext CreateContext() => PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);

    private static (IDataView Train, IDataView Validation) Data(MLContext mlContext)
    {
        var all = TestData.DetoxClassification(mlContext, 24);
        return (mlContext.Data.TakeRows(all, 16), mlContext.Data.SkipRows(all, 16));
    }

    [Test]
    public void Tune_chooses_the_candidate_whose_probe_fit_has_the_lowest_held_out_log_loss()
    {
        var mlContext = CreateContext();
        var (train, validation) = Data(mlContext);
        var options = Options();
        string before = string.Join(",", options.LearningRate) + options.MaxEpoch + (options.ValidationSet is null);
        var reports = new List<LrTuneProgress>();

        random.manual_seed(TorchSeed);
        using (var expectedDraw = rand(4))
        {
            random.manual_seed(TorchSeed);
            var result = mlContext.LrFinder().Tune(mlContext.MulticlassClassification.Trainers.TextClassification(options), train, validation, SweepAndProbes(), new SynchronousProgress<LrTuneProgress>(reports.Add));
            using var draw = rand(4);

            Assert.Multiple(() =>
            {
                Assert.That(draw.bytes.ToArray(), Is.EqualTo(expectedDraw.bytes.ToArray()), "torch's generator is as it was");
                Assert.That(string.Join(",", options.LearningRate) + options.MaxEpoch + (options.ValidationSet is null), Is.EqualTo(before), "options untouched");
                Assert.That(result.Candidates, Has.Count.EqualTo(3));
                Assert.That(reports, Has.Count.EqualTo(3));
                Assert.That(result.BudgetSteps, Is.EqualTo(4));
                Assert.That(result.Candidates.Select(c => c.StepsRun), Is.All.EqualTo(2));
                Assert.That(result.Candidates.Select(c => c.ValidationLoss), Is.All.Matches<double>(double.IsFinite));
                Assert.That(result.Chosen, Is.EqualTo(result.Candidates.MinBy(c => c.ValidationLoss)));
                Assert.That(result.Candidates.Select(c => c.LearningRate), Does.Contain(result.FinderResult.SelectedLearningRate!.Value));
            });

            // A probe is the trainer's own fit at the candidate rate on the first 8 rows; its log-loss is ML.NET's evaluator's.
            // The first probe started from the generator as seeded above (the sweep and each probe put it back), and the
            // head's initial weights come from it, so the reference fit starts from the same seed.
            var candidate = result.Candidates[0];
            random.manual_seed(TorchSeed).Dispose();
            var plain = mlContext.MulticlassClassification.Trainers.TextClassification(Options(candidate.LearningRate)).Fit(mlContext.Data.TakeRows(train, 8));
            double expected = mlContext.MulticlassClassification.Evaluate(plain.Transform(validation)).LogLoss;
            Assert.That(candidate.ValidationLoss, Is.EqualTo(expected).Within(1e-9).Percent);
        }
    }

    [Test]
    public void WithLrFinder_tunes_before_the_real_fit_when_asked()
    {
        var mlContext = CreateContext();
        var (train, _) = Data(mlContext);
        var finder = mlContext.MulticlassClassification.Trainers.TextClassification(Options())
            .WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 20, Tune = new LrTuneOptions { CandidateCount = 2, ProbeFraction = 0.5 } });
        using var log = new LogRecorder(mlContext);

        finder.Fit(train);

        Assert.Multiple(() =>
        {
            Assert.That(finder.LastTuneResult, Is.Not.Null);
            Assert.That(finder.LastLearningRate, Is.EqualTo(finder.LastTuneResult!.ChosenLearningRate));
            Assert.That(finder.LastTuneResult.Candidates, Has.Count.EqualTo(2));
            Assert.That(log.Lines("LrFinder: TextClassification probe "), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void A_probe_stopped_by_the_context_leaves_options_and_random_generator_as_they_were()
    {
        var mlContext = CreateContext();
        var (train, validation) = Data(mlContext);
        var options = Options();
        string before = string.Join(",", options.LearningRate) + options.MaxEpoch;
        using var log = new LogRecorder(mlContext, message =>
        {
            if (message.RawMessage?.StartsWith("LrFinder: TextClassification probe 1/", StringComparison.Ordinal) == true)
            {
                ContextCancellation.Cancel(mlContext);
            }
        });

        random.manual_seed(TorchSeed);
        using var expectedDraw = rand(4);
        random.manual_seed(TorchSeed);
        Assert.That(() => mlContext.LrFinder().Tune(mlContext.MulticlassClassification.Trainers.TextClassification(options), train, validation, SweepAndProbes()), Throws.InstanceOf<OperationCanceledException>());
        using var draw = rand(4);

        Assert.That(draw.bytes.ToArray(), Is.EqualTo(expectedDraw.bytes.ToArray()));
        Assert.That(string.Join(",", options.LearningRate) + options.MaxEpoch, Is.EqualTo(before));
    }

    [Test]
    public void Validation_data_without_the_sentence_column_is_rejected_by_name()
    {
        var mlContext = CreateContext();
        var (train, validation) = Data(mlContext);
        var withoutSentence = mlContext.Transforms.DropColumns("Sentence").Fit(validation).Transform(validation);

        var error = Assert.Throws<ArgumentException>(() => mlContext.LrFinder().Tune(mlContext.MulticlassClassification.Trainers.TextClassification(Options()), train, withoutSentence, SweepAndProbes()));
        Assert.That(error!.ParamName, Is.EqualTo("validationData"));
        Assert.That(error.Message, Does.Contain("'Sentence'"));
    }

    [Test]
    public void Validation_labels_with_another_key_type_are_rejected_by_name()
    {
        var mlContext = CreateContext();
        var (train, _) = Data(mlContext);
        var threeClasses = mlContext.Data.LoadFromEnumerable(new[]
        {
            new TextRow { Sentiment = "a", Sentence = "one" }, new TextRow { Sentiment = "b", Sentence = "two" }, new TextRow { Sentiment = "c", Sentence = "three" },
        });
        var validation = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(TextRow.Sentiment)).Fit(threeClasses).Transform(threeClasses);

        var error = Assert.Throws<ArgumentException>(() => mlContext.LrFinder().Tune(mlContext.MulticlassClassification.Trainers.TextClassification(Options()), train, validation, SweepAndProbes()));
        Assert.That(error!.ParamName, Is.EqualTo("validationData"));
        Assert.That(error.Message, Does.Contain("'Label'").And.Contain("MapValueToKey"));
    }

    private sealed class TextRow
    {
        public string Sentiment { get; set; } = string.Empty;

        public string Sentence { get; set; } = string.Empty;
    }
}
