using Microsoft.ML.LrFinder.Tests.Fixtures;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

public class TorchSharpTuneTests
{
    private const int Budget = 40;

    // A short sweep over a range the small classifier trains in, seeded so that dropout draws the same in every probe.
    private static TorchSharpLrFinderOptions Short() =>
        new() { StartLearningRate = 1e-5, EndLearningRate = 1, NumberOfIterations = 30, Seed = 42 };

    // A budget of 10 fits: the first round's probes are long enough (well over 3 steps) to be cancelled inside one.
    private static TorchSharpLrFinderOptions LongProbes()
    {
        var options = Short();
        options.Tune = new LrTuneOptions { Budget = 10 };
        return options;
    }

    private static List<(Tensor Input, Tensor Target)> Validation(SmallClassifier setup) => setup.Batches.Skip(12).ToList();

    private static List<(Tensor Input, Tensor Target)> Training(SmallClassifier setup) => setup.Batches.Take(12).ToList();

    [Test]
    public void The_chosen_rate_is_the_last_round_s_lowest_validation_loss_within_the_budget()
    {
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        var fingerprints = new List<byte[][]>();
        var progress = new SynchronousProgress<LrTuneProgress>(_ => fingerprints.Add(setup.Fingerprint()));
        var result = TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), Validation(setup), Budget, Short(), progress);

        // The plan the sweep and the default budget give, probe by probe.
        var plan = LrHalvingPlan.For(result.FinderResult, Budget, LrTuneDefaults.Budget, LrHalvingSettings.Default);
        Assert.That(plan.Counts, Has.Count.GreaterThan(1), "the sweep's range holds several rounds' worth of candidates");
        var rounds = result.Candidates.GroupBy(c => c.Round).ToArray();
        Assert.That(rounds.Select(r => r.Count()), Is.EqualTo(plan.Counts));
        Assert.That(rounds.Select(r => r.Select(c => c.StepsRun).Distinct().Single()), Is.EqualTo(plan.Steps));
        Assert.That(rounds[0].Select(c => c.LearningRate), Is.EqualTo(plan.Rates));
        Assert.That(result.TotalProbeSteps, Is.LessThanOrEqualTo(LrTuneDefaults.Budget * Budget));
        Assert.That(result.Candidates.Select(c => c.ValidationLoss), Is.All.Matches<double>(double.IsFinite));

        // Each later round probes the best of the one before.
        for (int round = 1; round < rounds.Length; round++)
        {
            var best = rounds[round - 1].OrderBy(c => c.ValidationLoss).Take(rounds[round].Count()).Select(c => c.LearningRate).Order();
            Assert.That(rounds[round].Select(c => c.LearningRate), Is.EqualTo(best));
        }

        Assert.That(result.Chosen, Is.EqualTo(rounds[^1].MinBy(c => c.ValidationLoss)));
        Assert.That(rounds[0].Select(c => c.LearningRate), Does.Contain(result.FinderResult.SelectedLearningRate!.Value));

        // Restored exactly after every probe, not only at the end.
        Assert.That(fingerprints, Has.Count.EqualTo(result.Candidates.Count));
        Assert.That(fingerprints, Is.All.EqualTo(before));
    }

    [TestCase(LrTrainingSchedule.Constant)]
    [TestCase(LrTrainingSchedule.OneCycle)]
    public void Each_probe_scores_what_a_fit_from_the_starting_state_at_its_rate_scores(LrTrainingSchedule schedule)
    {
        // The reference: a plain loop (seed, train mode, the probe's steps, evaluation-mode loss) from the same state, at a
        // constant rate, or for a one-cycle peak through fastai's one-cycle shape compressed into the probe: warm-up from a
        // 25th of the peak over the first quarter of the steps, then cosine annealing to a 100,000th.
        using var setup = new SmallClassifier();
        var training = Training(setup);
        var validation = Validation(setup);
        var options = Short();
        options.TrainingSchedule = schedule;
        var result = TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), training, validation, Budget, options);
        var candidate = result.Candidates[^1];

        random.manual_seed(42).Dispose();
        setup.Model.train();
        for (int step = 0; step < candidate.StepsRun; step++)
        {
            double rate = candidate.LearningRate;
            if (schedule == LrTrainingSchedule.OneCycle)
            {
                double position = (double)step / (candidate.StepsRun - 1);
                rate = position < 0.25
                    ? Cosine(rate / 25, rate, position / 0.25)
                    : Cosine(rate, rate / 1e5, (position - 0.25) / 0.75);
            }

            foreach (var group in setup.Optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }

            // The probe cycles the 12 training batches from the first.
            using var scope = NewDisposeScope();
            var (input, target) = training[step % training.Count];
            setup.Optimizer.zero_grad();
            setup.LossModule.call(setup.Model.call(input), target).backward();
            setup.Optimizer.step();
        }

        setup.Model.eval();
        double expected;
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            expected = validation.Average(b => setup.LossModule.call(setup.Model.call(b.Input), b.Target).to_type(ScalarType.Float64).item<double>());
        }

        Assert.That(candidate.ValidationLoss, Is.EqualTo(expected).Within(1e-9).Percent);
    }

    [Test]
    public void A_one_cycle_probe_differs_from_a_constant_rate_probe()
    {
        using var setup = new SmallClassifier();
        var constant = Short();
        constant.TrainingSchedule = LrTrainingSchedule.Constant;
        var oneCycle = Short();
        oneCycle.TrainingSchedule = LrTrainingSchedule.OneCycle;
        var sweep = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), constant);

        var atConstant = TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), Validation(setup), Budget, sweep, constant);
        var inCycle = TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), Validation(setup), Budget, sweep, oneCycle);

        // The same sweep, so the same first round; each probe trains differently.
        var firstRound = atConstant.Candidates.Where(c => c.Round == 0).ToArray();
        Assert.That(inCycle.Candidates.Where(c => c.Round == 0).Select(c => (c.LearningRate, c.StepsRun)), Is.EqualTo(firstRound.Select(c => (c.LearningRate, c.StepsRun))));
        Assert.That(inCycle.Candidates.Where(c => c.Round == 0).Select(c => c.ValidationLoss), Is.Not.EqualTo(firstRound.Select(c => c.ValidationLoss)));
    }

    private static double Cosine(double from, double to, double fraction) => to + ((from - to) * (1 + Math.Cos(Math.PI * fraction)) / 2);

    [Test]
    public void Model_optimizer_and_random_generator_are_bit_identical_after_tuning()
    {
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        using var generator = random.manual_seed(5);
        using var expected = rand(4);
        random.manual_seed(5).Dispose();

        TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), Validation(setup), Budget, Short());

        using var actual = rand(4);
        Assert.That(actual.bytes.ToArray(), Is.EqualTo(expected.bytes.ToArray()));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void Tuning_twice_gives_the_same_candidates_and_losses()
    {
        using var setup = new SmallClassifier();
        var first = TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), Validation(setup), Budget, Short());
        var second = TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), Validation(setup), Budget, Short());
        Assert.That(second.Candidates, Is.EqualTo(first.Candidates));
    }

    [Test]
    public void Cancelling_in_the_middle_of_a_probe_throws_and_restores_everything()
    {
        // Cancelled during the second probe's third training step: three steps have changed the model when the probe stops.
        using var setup = new SmallClassifier();
        using var cancellation = new CancellationTokenSource();
        var before = setup.Fingerprint();
        var reports = new List<LrTuneProgress>();
        var progress = new SynchronousProgress<LrTuneProgress>(reports.Add);
        int secondProbeSteps = 0;
        var loss = setup.Loss((_, value) =>
        {
            if (reports.Count == 1 && value.requires_grad && ++secondProbeSteps == 3)
            {
                cancellation.Cancel();
            }

            return value;
        });

        Assert.That(
            () => TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, loss, Training(setup), Validation(setup), Budget, LongProbes(), progress: progress, cancellationToken: cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(reports, Has.Count.EqualTo(1));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void A_probe_that_throws_is_rethrown_and_restores_everything()
    {
        // The second probe's first loss throws: the first probe has trained and been restored, the second has snapshotted.
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        bool fail = false;
        var progress = new SynchronousProgress<LrTuneProgress>(_ => fail = true);
        var loss = setup.Loss((_, value) => fail ? throw new InvalidOperationException("boom") : value);

        var ex = Assert.Throws<InvalidOperationException>(
            () => TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, loss, Training(setup), Validation(setup), Budget, Short(), progress: progress));
        Assert.That(ex!.Message, Is.EqualTo("boom"));
        Assert.That(ex.Data[LrSweepRunner.IterationDataKey], Is.EqualTo(0));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void A_diverging_probe_scores_infinity_and_is_not_chosen()
    {
        // The third probe's training losses are NaN; held-out losses, computed without gradients, are left alone.
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        int probesDone = 0;
        var progress = new SynchronousProgress<LrTuneProgress>(_ => probesDone++);
        var loss = setup.Loss((_, value) => probesDone == 2 && value.requires_grad ? value * double.NaN : value);

        var options = Short();
        options.Tune = new LrTuneOptions { CandidateCount = 3 };
        var result = TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, loss, Training(setup), Validation(setup), Budget, options, progress);
        Assert.That(result.Candidates[2].ValidationLoss, Is.EqualTo(double.PositiveInfinity));
        Assert.That(result.Candidates[2].StepsRun, Is.EqualTo(1));
        Assert.That(result.Chosen, Is.Not.EqualTo(result.Candidates[2]));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void Empty_validation_data_is_rejected_by_name()
    {
        using var setup = new SmallClassifier();
        var ex = Assert.Throws<ArgumentException>(
            () => TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), [], Budget, Short()));
        Assert.That(ex!.ParamName, Is.EqualTo("validationBatches"));
    }

    [Test]
    public void Validation_data_the_model_cannot_read_is_rejected_by_name_before_any_training()
    {
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        using var wrongWidth = randn(4, 5);
        using var labels = zeros(4, dtype: ScalarType.Int64);
        var ex = Assert.Throws<ArgumentException>(
            () => TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), [(wrongWidth, labels)], Budget, Short()));
        Assert.That(ex!.ParamName, Is.EqualTo("validationBatches"));
        Assert.That(ex.Message, Does.StartWith("could not be scored by the model and loss function"));
        Assert.That(setup.LossCalls, Is.EqualTo(0), "nothing trained");
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void A_budget_below_one_step_is_rejected_by_name()
    {
        using var setup = new SmallClassifier();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, setup.Loss(), Training(setup), Validation(setup), 0, Short()));
        Assert.That(ex!.ParamName, Is.EqualTo("budgetSteps"));
    }
}
