using Microsoft.ML.LrFinder.Tests.Fixtures;


namespace Microsoft.ML.LrFinder.Tests.Tuning;

public class LrTuneRunnerTests
{
    [Test]
    public void The_chosen_candidate_is_the_one_with_the_lowest_validation_loss()
    {
        // Held-out loss (log10(lr) + 3.4)²: 0.006 at 1e-3/3 (log10 −3.48), 0.16 at 1e-3, 0.78 at 3e-3.
        var probe = new ScriptedProbe(lr => Math.Pow(Math.Log10(lr) + 3.4, 2));
        var result = LrTuneRunner.Run(probe, SelectedAt(1e-3), budgetSteps: 100, Three());

        Assert.That(result.Candidates.Select(c => c.LearningRate), Is.EqualTo(new[] { 1e-3 / 3, 1e-3, 3e-3 }).Within(1e-12).Percent);
        Assert.That(result.Chosen, Is.EqualTo(result.Candidates.MinBy(c => c.ValidationLoss)));
        Assert.That(result.ChosenLearningRate, Is.EqualTo(1e-3 / 3).Within(1e-12).Percent);

        // The rate to train with is the chosen one, not the sweep's selection.
        Assert.That(result.LearningRate, Is.EqualTo(result.ChosenLearningRate));
    }

    [Test]
    public void The_summary_names_the_chosen_rate_its_loss_the_candidates_and_the_sweep()
    {
        var probe = new ScriptedProbe(lr => Math.Pow(Math.Log10(lr) + 3.4, 2));
        var result = LrTuneRunner.Run(probe, SelectedAt(1e-3), budgetSteps: 100, Three());

        Assert.That(result.FinderResult.ToString(), Is.EqualTo($"selected {LrFormat.LearningRate(1e-3)} by test on the smoothed curve; Completed after 10 of 10 iterations; 0 warnings"));
        Assert.That(result.ToString(), Is.EqualTo(
            $"chose {LrFormat.LearningRate(1e-3 / 3)} (held-out loss {LrFormat.Loss(result.Chosen!.Value.ValidationLoss)}) of 3 candidates [sweep: {result.FinderResult}]; 0 tuning warnings"));
    }

    [Test]
    public void Each_probe_gets_the_fraction_of_the_budget_and_reports_progress()
    {
        var probe = new ScriptedProbe(lr => lr);
        var reports = new List<LrTuneProgress>();
        var result = LrTuneRunner.Run(probe, SelectedAt(1e-3), budgetSteps: 101, new LrTuneOptions { CandidateCount = 3, ProbeFraction = 0.2 }, new SynchronousProgress<LrTuneProgress>(reports.Add));

        Assert.That(probe.Steps, Is.EqualTo(new[] { 21, 21, 21 }));
        Assert.That(result.ProbeSteps, Is.EqualTo(21));
        Assert.That(result.BudgetSteps, Is.EqualTo(101));
        Assert.That(result.TotalProbeSteps, Is.EqualTo(63));
        Assert.That(reports.Select(r => (r.Probe, r.TotalProbes)), Is.EqualTo(new[] { (0, 3), (1, 3), (2, 3) }));
        Assert.That(reports.Select(r => (r.Round, r.ProbeInRound, r.ProbesInRound, r.TotalRounds)), Is.EqualTo(new[] { (0, 0, 3, 1), (0, 1, 3, 1), (0, 2, 3, 1) }));
        Assert.That(reports.Select(r => r.Candidate), Is.EqualTo(result.Candidates));
    }

    [Test]
    public void A_probe_with_a_non_finite_loss_is_never_chosen()
    {
        var probe = new ScriptedProbe(lr => lr > 2e-3 ? double.PositiveInfinity : lr < 5e-4 ? double.NaN : 0.5);
        var result = LrTuneRunner.Run(probe, SelectedAt(1e-3), budgetSteps: 10, Three());
        Assert.That(result.ChosenLearningRate, Is.EqualTo(1e-3));
        Assert.That(result.Warnings, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_real_fit_of_one_step_can_be_tuned()
    {
        // The smallest budget: every probe trains the one step the fit has.
        var result = LrTuneRunner.Run(new ScriptedProbe(lr => lr), SelectedAt(1e-3), budgetSteps: 1, Three());
        Assert.That(result.Candidates.Select(c => c.StepsRun), Is.EqualTo(new[] { 1, 1, 1 }));
    }

    [Test]
    public void A_tie_goes_to_the_lower_learning_rate()
    {
        var result = LrTuneRunner.Run(new ScriptedProbe(_ => 0.25), SelectedAt(1e-3), budgetSteps: 10, new LrTuneOptions { CandidateCount = 2 });
        Assert.That(result.ChosenLearningRate, Is.EqualTo(1e-3 / 3).Within(1e-12).Percent);
    }

    [Test]
    public void Without_a_selection_nothing_is_probed_and_a_warning_says_so()
    {
        var sweep = new LrFinderResult(new LrCurve([], 10), LrFinderStopReason.Cancelled, [], null, [], new LrFinderOptions(), TimeSpan.Zero);
        var probe = new ScriptedProbe(lr => lr);
        var result = LrTuneRunner.Run(probe, sweep, budgetSteps: 10);
        Assert.That(probe.Steps, Is.Empty);
        Assert.That(result.Chosen, Is.Null);
        Assert.That(result.Warnings.Single(), Does.Contain("no candidate was probed"));
        Assert.That(result.Rounds, Is.EqualTo(0));

        // The steps a probe would have had: a single-round probe's share of the budget; successive halving plans none.
        Assert.That(LrTuneRunner.Run(probe, sweep, budgetSteps: 100, new LrTuneOptions { ProbeFraction = 0.25 }).ProbeSteps, Is.EqualTo(25));
        Assert.That(result.ProbeSteps, Is.EqualTo(0));
    }

    [Test]
    public void A_range_with_room_for_fewer_candidates_than_asked_says_so()
    {
        // The sweep trained from 1e-3 to 1.5e-3 only: spacing 3 leaves no neighbour of 1e-3 inside.
        var points = new[] { new LrCurvePoint(0, 1e-3, 1.0, 1.0), new LrCurvePoint(1, 1.5e-3, 0.9, 0.9) };
        var selected = LrSuggestion.At("test", 1e-3, points[0], "by hand.");
        var sweep = new LrFinderResult(new LrCurve(points, 2), LrFinderStopReason.Completed, [selected], selected, [], new LrFinderOptions(), TimeSpan.Zero);

        var single = LrTuneRunner.Run(new ScriptedProbe(lr => lr), sweep, budgetSteps: 10, Three());
        Assert.That(single.Candidates.Select(c => c.LearningRate), Is.EqualTo(new[] { 1e-3 }));
        Assert.That(single.Warnings, Is.EqualTo(new[] { "Only 1 of 3 candidates fit inside the range the sweep trained at without diverging." }));

        var halving = LrTuneRunner.Run(new ScriptedProbe(lr => lr), sweep, budgetSteps: 10);
        Assert.That(halving.Candidates.Select(c => c.LearningRate), Is.EqualTo(new[] { 1e-3 }));
        Assert.That(halving.Warnings, Is.EqualTo(new[] { "The budget or the sweep's range left room for one candidate only: the selected rate was probed alone." }));
    }

    [Test]
    public void When_every_single_round_probe_is_non_finite_nothing_is_chosen_and_a_warning_says_so()
    {
        var result = LrTuneRunner.Run(new ScriptedProbe(_ => double.NaN), SelectedAt(1e-3), budgetSteps: 10, Three());
        Assert.That(result.Chosen, Is.Null);
        Assert.That(result.LearningRate, Is.EqualTo(1e-3));
        Assert.That(result.Warnings, Has.Count.EqualTo(4));
        Assert.That(result.Warnings[^1], Is.EqualTo("Every probe ended with a non-finite loss: nothing was chosen."));
        Assert.That(result.ToString(), Does.StartWith("chose nothing of 3 candidates [sweep: ").And.EndWith("; 4 tuning warnings"));
    }

    [Test]
    public void A_single_warning_is_counted_in_the_singular()
    {
        var result = new LrTuneResult(SelectedAt(1e-3), [new LrTuneCandidate(1e-3, 0.5, 10)], 10, 10, ["one"], TimeSpan.Zero);
        Assert.That(result.ToString(), Does.EndWith("; 1 tuning warning"));
    }

    [Test]
    public void Invalid_settings_name_the_parameter()
    {
        var probe = new ScriptedProbe(lr => lr);
        var budgetSteps = Assert.Throws<ArgumentOutOfRangeException>(() => LrTuneRunner.Run(probe, SelectedAt(1e-3), 0))!;
        Assert.That((budgetSteps.ParamName, budgetSteps.Message), Is.EqualTo(("budgetSteps", "must be at least 1. (Parameter 'budgetSteps')\nActual value was 0.".Replace("\n", Environment.NewLine, StringComparison.Ordinal))));
        Assert.That(Assert.Throws<ArgumentNullException>(() => LrTuneRunner.Run(probe, null!, 10))!.ParamName, Is.EqualTo("finderResult"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => LrTuneRunner.Run(null!, SelectedAt(1e-3), 10))!.ParamName, Is.EqualTo("target"));
        Assert.That(
            Assert.Throws<ArgumentOutOfRangeException>(() => new LrTuneResult(SelectedAt(1e-3), [], -1, 10, [], TimeSpan.Zero))!.ParamName,
            Is.EqualTo("probeSteps"));
        Assert.That(
            Assert.Throws<ArgumentNullException>(() => new LrTuneResult(SelectedAt(1e-3), null!, 0, 10, [], TimeSpan.Zero))!.ParamName,
            Is.EqualTo("candidates"));
        Assert.That(
            Assert.Throws<ArgumentOutOfRangeException>(() => new LrTuneResult(SelectedAt(1e-3), [], 0, -1, [], TimeSpan.Zero))!.ParamName,
            Is.EqualTo("budgetSteps"));
        Assert.That(
            Assert.Throws<ArgumentOutOfRangeException>(() => LrTuneRunner.Run(probe, SelectedAt(1e-3), 10, new LrTuneOptions { ProbeFraction = 0 }))!.ParamName,
            Is.EqualTo(nameof(LrTuneOptions.ProbeFraction)));
        Assert.That(
            Assert.Throws<ArgumentOutOfRangeException>(() => LrTuneRunner.Run(probe, SelectedAt(1e-3), 10, new LrTuneOptions { CandidateSpacing = 1 }))!.ParamName,
            Is.EqualTo(nameof(LrTuneOptions.CandidateSpacing)));
    }

    [Test]
    public void The_JSON_report_carries_every_candidate_and_the_chosen_rate()
    {
        var probe = new ScriptedProbe(lr => lr > 2e-3 ? double.PositiveInfinity : 1 / lr);
        var result = LrTuneRunner.Run(probe, SelectedAt(1e-3), budgetSteps: 50, new LrTuneOptions { CandidateCount = 3, ProbeFraction = 0.2 });
        using var json = System.Text.Json.JsonDocument.Parse(result.ToJson());
        var tune = json.RootElement.GetProperty("tune");
        var candidates = tune.GetProperty("candidates").EnumerateArray().ToArray();

        Assert.That(candidates.Select(c => c.GetProperty("learningRate").GetDouble()), Is.EqualTo(result.Candidates.Select(c => c.LearningRate)));
        Assert.That(candidates[1].GetProperty("validationLoss").GetDouble(), Is.EqualTo(1000).Within(1e-9).Percent);
        Assert.That(candidates[2].GetProperty("validationLoss").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(candidates.Select(c => c.GetProperty("stepsRun").GetInt32()), Is.All.EqualTo(10));
        Assert.That(tune.GetProperty("chosen").GetDouble(), Is.EqualTo(1e-3));
        Assert.That(json.RootElement.GetProperty("selected").GetProperty("learningRate").GetDouble(), Is.EqualTo(1e-3));
        Assert.That(result.ToText(), Does.Contain("[chosen]"));
    }

    [Test]
    public void Cancelling_after_a_probe_stops_the_single_round_before_the_next_even_when_the_target_does_not_check()
    {
        // This probe never looks at the token: only the runner's own check before each probe can stop the round.
        using var cancellation = new CancellationTokenSource();
        var probe = new ScriptedProbe(lr => lr);
        var progress = new SynchronousProgress<LrTuneProgress>(_ => cancellation.Cancel());

        Assert.That(
            () => LrTuneRunner.Run(probe, SelectedAt(1e-3), budgetSteps: 50, Three(), progress, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(probe.Steps, Has.Count.EqualTo(1), "one probe ran, the second was never started");
    }

    private static LrFinderResult SelectedAt(double learningRate)
    {
        var points = Enumerable.Range(0, 10).Select(i => new LrCurvePoint(i, 1e-7 * Math.Pow(10, i), 1.0, 1.0)).ToArray();
        var selected = LrSuggestion.At("test", learningRate, points[4], "by hand.");
        return new LrFinderResult(new LrCurve(points, 10), LrFinderStopReason.Completed, [selected], selected, [], new LrFinderOptions(), TimeSpan.Zero);
    }

    /// <summary>Three candidates, spacing 3: the selected rate ÷ 3, × 1 and × 3.</summary>
    private static LrTuneOptions Three() => new() { CandidateCount = 3, CandidateSpacing = 3 };

    /// <summary>A probe whose held-out loss is a function of the learning rate; records the steps it was given.</summary>
    private sealed class ScriptedProbe(Func<double, double> loss) : ILrProbeTarget
    {
        public List<int> Steps { get; } = [];

        public LrTuneCandidate Probe(double learningRate, int steps, CancellationToken cancellationToken)
        {
            Steps.Add(steps);
            return new LrTuneCandidate(learningRate, loss(learningRate), steps);
        }
    }
}
