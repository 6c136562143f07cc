using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// <c>WithLrFinder</c> with tuning on TextClassification, observed from the trainer's side (the tests' own reflection,
/// <see cref="TrainerObserver"/>), never through what the finder reports: 24 detox rows, batch 4, two epochs (a 12-step
/// budget), candidates probed for the whole budget on the rows not held out (ML.NET's train-test split of the training data)
/// and scored on the held-out rows. One tuned fit, shared by the tests.
/// </summary>
public class TextClassificationTunedFitTests
{
    private const int TorchSeed = 7;
    private const int Rows = 24;

    private Lazy<TunedFit>? tunedFit;

    private static TextClassificationTrainer.TextClassificationOptions Options(double? learningRate = null)
    {
        var options = new TextClassificationTrainer.TextClassificationOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = "Sentence",
            BatchSize = 4,
            MaxEpoch = 2,
        };
        if (learningRate is { } lr)
        {
            options.LearningRate = [lr];
        }

        return options;
    }

    // Probes as long as the real fit: each one is then the trainer's whole schedule on the probe's rows.
    private static LrTuneOptions Probes() => new() { CandidateCount = 3, ProbeFraction = 1 };

    private static MLContext CreateContext() => PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);

    [OneTimeSetUp]
    public void CreateSharedFit() => tunedFit = new Lazy<TunedFit>(FitOnce);

    /// <summary>
    /// The rate the tuning step chose is in the trainer's optimizer at every step of the real fit (one-cycle from it, as the
    /// trainer schedules its <c>LearningRate[0]</c>), and it is not the sweep's selection, so a fit at the untuned rate fails.
    /// </summary>
    [Test]
    public void The_real_fit_trains_at_the_tuned_rate_at_every_step()
    {
        var fit = tunedFit!.Value;
        double chosen = ChosenOtherThanSelected(fit);
        var options = Options();
        var expected = OneCycleSchedule.Rates(
            chosen, Rows, options.BatchSize, options.MaxEpoch, options.WarmupRatio, options.StartLearningRateRatio, options.FinalLearningRateRatio,
            steps: options.MaxEpoch * (Rows / options.BatchSize));

        Assert.That(fit.Observer.Fits, Has.Count.EqualTo(fit.Tune.Candidates.Count + 1), "one fit per probe, then the real fit");
        Assert.Multiple(() =>
        {
            Assert.That(fit.Observer.LastFit.StepRates, Is.EqualTo(expected).Within(1e-9).Percent);
            Assert.That(fit.Observer.LastFit.Rows, Has.Count.EqualTo(Rows), "the real fit trains on every row");
        });
    }

    /// <summary>
    /// No probe trains on a row it is scored on: the rows each probe's fit read and the rows read to score the probes (outside
    /// any fit) are disjoint, and together they are the data.
    /// </summary>
    [Test]
    public void The_probes_never_train_on_a_scoring_row()
    {
        var fit = tunedFit!.Value;
        var probes = fit.Observer.Fits.Take(fit.Tune.Candidates.Count).ToList();
        var scoring = fit.Observer.RowsReadOutsideFits;

        Assert.That(probes, Has.Count.EqualTo(fit.Tune.Candidates.Count).And.Count.GreaterThan(1));
        Assert.Multiple(() =>
        {
            Assert.That(scoring, Is.Not.Empty, "the probes were scored on rows of the data");
            foreach (var probe in probes)
            {
                Assert.That(probe.Rows.Intersect(scoring), Is.Empty, "rows a probe trained on and was scored on");
                Assert.That(probe.Rows.Union(scoring).Order(), Is.EqualTo(Enumerable.Range(0, Rows).Select(i => (long)i)), "training and scoring rows make up the data");
            }
        });
    }

    /// <summary>
    /// A probe as long as the budget trains what the real fit would on the probe's rows: the trainer's two epochs of batches of
    /// four, each step at the candidate's one-cycle rate; and the result reports the steps the trainer took.
    /// </summary>
    [Test]
    public void A_probe_follows_the_trainers_epochs_and_batches()
    {
        var fit = tunedFit!.Value;
        var options = Options();
        Assert.That(fit.Tune.BudgetSteps, Is.EqualTo(options.MaxEpoch * (Rows / options.BatchSize)), "the budget is the real fit's steps");
        Assert.Multiple(() =>
        {
            for (int i = 0; i < fit.Tune.Candidates.Count; i++)
            {
                var probe = fit.Observer.Fits[i];
                var candidate = fit.Tune.Candidates[i];
                int rows = probe.Rows.Count;
                int steps = options.MaxEpoch * ((rows + options.BatchSize - 1) / options.BatchSize);
                var expected = OneCycleSchedule.Rates(
                    candidate.LearningRate, rows, options.BatchSize, options.MaxEpoch, options.WarmupRatio, options.StartLearningRateRatio, options.FinalLearningRateRatio, steps);
                Assert.That(probe.StepRates, Is.EqualTo(expected).Within(1e-9).Percent, $"probe {i}: one step per batch of its rows, each epoch");
                Assert.That(candidate.StepsRun, Is.EqualTo(probe.StepRates.Count), $"probe {i}: the steps reported are the steps taken");
            }
        });
    }

    /// <summary>
    /// After the sweep and the probes, the real fit ends where a plain fit at the tuned rate from the same torch seed ends: every
    /// parameter, every field of Adam's state, each group's rate.
    /// </summary>
    [Test]
    public void The_tuned_fit_leaves_the_model_and_optimizer_state_of_a_plain_fit_at_the_tuned_rate()
    {
        var fit = tunedFit!.Value;
        double chosen = ChosenOtherThanSelected(fit);
        var mlContext = CreateContext();
        using var plain = new TrainerObserver(mlContext, headLoss: null) { CopiesOptimizerState = true };
        random.manual_seed(TorchSeed);
        var plainModel = mlContext.MulticlassClassification.Trainers.TextClassification(Options(chosen)).Fit(plain.Observe(TestData.DetoxClassification(mlContext, Rows)));

        var differences = TrainedState.Differences(fit.Observer.LastFit, plain.LastFit);
        Assert.Multiple(() =>
        {
            Assert.That(fit.Observer.LastFit.OptimizerStateIsFinal && plain.LastFit.OptimizerStateIsFinal, Is.True, "the optimizer state was copied after each fit's last step");
            Assert.That(differences.Keys, Has.Some.StartsWith("parameter ").And.Some.StartsWith("optimizer state "));
            Assert.That(differences.Where(p => p.Value > 1e-4).Select(p => $"{p.Key}: {p.Value:0.##e+0}"), Is.Empty);
        });
        GC.KeepAlive(plainModel);
    }

    // The tuned rate, asserted to exist and to differ from the sweep's selection, so that a fit at the untuned rate is caught.
    private static double ChosenOtherThanSelected(TunedFit fit)
    {
        Assert.That(fit.Tune.FinderResult.SelectedLearningRate, Is.Not.Null, "the sweep made a suggestion");
        Assert.That(fit.Tune.ChosenLearningRate, Is.Not.Null, "the tuning step chose a rate");
        double chosen = fit.Tune.ChosenLearningRate!.Value;
        Assert.That(chosen, Is.Not.EqualTo(fit.Tune.FinderResult.SelectedLearningRate!.Value), "the tuned rate is not the sweep's selection");
        Assert.That(fit.Finder.LastLearningRate, Is.EqualTo(chosen));
        return chosen;
    }

    private static TunedFit FitOnce()
    {
        var mlContext = CreateContext();
        var finder = mlContext.MulticlassClassification.Trainers.TextClassification(Options())
            .WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 20, Tune = Probes() });
        var observer = new TrainerObserver(mlContext, headLoss: null) { CopiesOptimizerState = true };
        observer.ObserveSweepOf(finder);
        random.manual_seed(TorchSeed);
        ITransformer model;
        using (observer)
        {
            model = finder.Fit(observer.Observe(TestData.DetoxClassification(mlContext, Rows)));
        }

        var tune = finder.LastTuneResult ?? throw new InvalidOperationException($"no tuning result: the sweep selected nothing ({finder.LastResult?.Selected?.Explanation}).");
        TestContext.Progress.WriteLine(
            $"[{nameof(TextClassificationTunedFitTests)}] selected {tune.FinderResult.SelectedLearningRate:0.##e+0}; candidates {string.Join(", ", tune.Candidates.Select(c => $"{c.LearningRate:0.##e+0}: {c.ValidationLoss:0.####} after {c.StepsRun}"))}; chose {tune.ChosenLearningRate:0.##e+0}");
        return new TunedFit(finder, model, tune, observer);
    }

    /// <summary>The tuned fit as the tests read it.</summary>
    /// <param name="Finder">The finder that swept, tuned and fitted.</param>
    /// <param name="Model">The real fit's transformer, kept alive: a collected transformer's finalizer disposes the model the observer reads.</param>
    /// <param name="Tune">The tuning step's result.</param>
    /// <param name="Observer">What the trainer's side showed: every probe's fit, the scoring reads, the real fit.</param>
    private sealed record TunedFit(LrFinderEstimator<TorchSharpBaseTransformer> Finder, ITransformer Model, LrTuneResult Tune, TrainerObserver Observer);
}
