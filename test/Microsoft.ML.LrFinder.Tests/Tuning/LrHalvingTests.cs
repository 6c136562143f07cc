using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// Successive halving (the default tuning step): which candidates the first round probes, how many survive each round, how
/// long each round probes, that the budget is respected, and what a cancelled or non-finite probe does. Scripted probes
/// whose held-out loss is a known function of (rate, steps) make each expectation exact.
/// </summary>
public class LrHalvingTests
{
    private const double Selected = 1e-3;

    [Test]
    public void By_default_the_first_round_spans_from_a_27th_of_the_selection_to_three_times_it()
    {
        var rates = LrTuneCandidates.Span(Sweep(Selected, divergedAt: 1e-1), LrHalvingSettings.Default);
        Assert.That(rates, Is.EqualTo(new[] { Selected / 27, Selected / 9, Selected / 3, Selected, Selected * 3 }).Within(1e-9).Percent);
    }

    [Test]
    public void Uncapped_the_first_round_reaches_the_highest_rate_the_sweep_trained_at()
    {
        // A sweep from 1e-7 that diverged at 1e-1: the point before, 3.16e-2 (10^-1.5), is the highest stable rate. Candidates
        // are 3× apart through the selection: 1e-3/27 … 1e-3 × 27 = 2.7e-2 (× 81 = 8.1e-2 is past 3.16e-2).
        var rates = LrTuneCandidates.Span(Sweep(Selected, divergedAt: 1e-1), Uncapped);

        double[] expected = [Selected / 27, Selected / 9, Selected / 3, Selected, Selected * 3, Selected * 9, Selected * 27];
        Assert.That(rates, Is.EqualTo(expected).Within(1e-9).Percent);
    }

    [Test]
    public void The_default_run_probes_five_candidates_then_the_best_two_for_longer()
    {
        // 5 candidates, rounds of 5 and 2; a 100-step fit and the default budget of 3 fits: 150 steps per round, 30 and 75 each.
        var probe = new ScriptedProbe((rate, steps) => Math.Pow(Math.Log10(rate) + 3.4, 2));
        var result = LrTuneRunner.Run(probe, Sweep(Selected, divergedAt: 1e-1), 100);

        Assert.That(probe.Calls.Select(c => c.Steps), Is.EqualTo(new[] { 30, 30, 30, 30, 30, 75, 75 }));
        Assert.That(result.Candidates.Where(c => c.Round == 1).Select(c => c.LearningRate), Is.EqualTo(new[] { Selected / 3, Selected }).Within(1e-9).Percent);
        Assert.That(result.ChosenLearningRate, Is.EqualTo(Selected / 3).Within(1e-9).Percent);
    }

    [Test]
    public void The_first_round_follows_a_lower_suggestion_down_but_no_deeper_than_a_243rd()
    {
        // A suggestion at 1e-5 pulls the floor to it: 1e-3/81 = 1.23e-5 is the lowest grid point above 1e-5.
        var rates = LrTuneCandidates.Span(Sweep(Selected, divergedAt: 1e-2, lowSuggestion: 1e-5), Uncapped);
        Assert.That(rates[0], Is.EqualTo(Selected / 81).Within(1e-9).Percent);

        // A suggestion at 1e-7 does not pull it past 1e-3/243.
        rates = LrTuneCandidates.Span(Sweep(Selected, divergedAt: 1e-2, lowSuggestion: 1e-7), LrHalvingSettings.Default);
        Assert.That(rates[0], Is.EqualTo(Selected / 243).Within(1e-9).Percent);
    }

    [Test]
    public void The_first_round_never_goes_below_the_sweep_s_first_rate_nor_above_a_capped_ratio()
    {
        // The sweep starts at 2e-4: 1e-3/27 and 1e-3/9 are below it; capped at × 3, 9e-3 and 2.7e-2 are left out.
        var rates = LrTuneCandidates.Span(Sweep(Selected, divergedAt: 1e-1, firstRate: 2e-4), LrHalvingSettings.Default with { HighestRatio = 3 });
        Assert.That(rates, Is.EqualTo(new[] { Selected / 3, Selected, Selected * 3 }).Within(1e-9).Percent);
    }

    [TestCase(9, 3, new[] { 9, 3, 2 })]
    [TestCase(7, 3, new[] { 7, 3, 2 })]
    [TestCase(6, 3, new[] { 6, 2 })]
    [TestCase(3, 3, new[] { 3, 2 })]
    [TestCase(2, 3, new[] { 2 })]
    [TestCase(1, 3, new[] { 1 })]
    [TestCase(8, 2, new[] { 8, 4, 2 })]
    public void Each_round_keeps_a_third_of_the_candidates_but_at_least_two(int first, int reduction, int[] counts) =>
        Assert.That(LrHalvingPlan.RoundCounts(first, reduction), Is.EqualTo(counts));

    [Test]
    public void Every_round_spends_an_equal_share_and_later_rounds_probe_longer()
    {
        // 7 candidates, rounds of 7, 3 and 2; a 100-step fit with a budget of 3 fits: 300 steps, 100 per round.
        var plan = LrHalvingPlan.Lay(Rates(7), Selected, budgetSteps: 100, totalSteps: 300, reduction: 3);

        Assert.That(plan.Counts, Is.EqualTo(new[] { 7, 3, 2 }));
        Assert.That(plan.Steps, Is.EqualTo(new[] { 14, 33, 50 }));
        Assert.That(plan.TotalSteps, Is.EqualTo((7 * 14) + (3 * 33) + (2 * 50)).And.LessThanOrEqualTo(300));
    }

    [Test]
    public void A_last_round_share_gives_the_last_round_that_share_and_the_others_equal_parts_of_the_rest()
    {
        // 300 steps, half to the last round: 150 for its 2 probes (75 each); 75 for each of the first two rounds (7 and 3 probes).
        var plan = LrHalvingPlan.Lay(Rates(7), Selected, budgetSteps: 100, totalSteps: 300, reduction: 3, lastRoundShare: 0.5);
        Assert.That(plan.Counts, Is.EqualTo(new[] { 7, 3, 2 }));
        Assert.That(plan.Steps, Is.EqualTo(new[] { 75 / 7, 75 / 3, 150 / 2 }));

        // A single round takes the whole budget, whatever the share.
        plan = LrHalvingPlan.Lay(Rates(2), Selected, budgetSteps: 100, totalSteps: 30, reduction: 3, lastRoundShare: 0.5);
        Assert.That(plan.Counts, Is.EqualTo(new[] { 2 }));
        Assert.That(plan.Steps, Is.EqualTo(new[] { 15 }));
    }

    [Test]
    public void No_probe_is_longer_than_the_real_fit()
    {
        var plan = LrHalvingPlan.Lay(Rates(6), Selected, budgetSteps: 100, totalSteps: 1000, reduction: 3);
        Assert.That(plan.Steps, Is.EqualTo(new[] { 83, 100 }));
    }

    [Test]
    public void A_budget_too_small_for_every_candidate_keeps_those_nearest_the_selection()
    {
        // 3 steps in all: two rounds cannot give 3 or more candidates a step each, so two stay, in one round: the selection and,
        // of its two neighbours as far from it, the lower.
        var plan = LrHalvingPlan.Lay(Rates(6), Selected, budgetSteps: 100, totalSteps: 3, reduction: 3);
        Assert.That(plan.Rates, Is.EqualTo(new[] { Selected / 3, Selected }).Within(1e-9).Percent);
        Assert.That(plan.Counts, Is.EqualTo(new[] { 2 }));
        Assert.That(plan.Steps, Is.EqualTo(new[] { 1 }));
    }

    [TestCase(0.25, 37)]
    [TestCase(0.5, 100)]
    [TestCase(1, 85)]
    [TestCase(2, 220)]
    [TestCase(3, 13)]
    [TestCase(10, 1000)]
    public void The_probes_never_train_more_than_the_budget(double budget, int budgetSteps)
    {
        var probe = new ScriptedProbe((rate, steps) => Math.Pow(Math.Log10(rate) + 3, 2) + (1.0 / steps));
        var result = LrTuneRunner.Run(probe, Sweep(Selected, divergedAt: 1e-1), budgetSteps, new LrTuneOptions { Budget = budget });

        Assert.That(result.TotalProbeSteps, Is.LessThanOrEqualTo(Math.Max(1, Math.Floor(budget * budgetSteps))));
        Assert.That(result.Candidates.Select(c => c.StepsRun), Is.All.InRange(1, budgetSteps));
    }

    [Test]
    public void The_best_third_survive_each_round_and_are_probed_again_longer_from_the_start()
    {
        // Short probes favour high rates, long ones low rates, as on small data trained long: the held-out loss after s steps
        // is lowest at log10(rate) = −2 − s/40. With a 100-step fit and a budget of 3 fits (rounds of 7, 3, 2 candidates at
        // 14, 33 and 50 steps) the optimum moves from 10^-2.35 to 10^-2.83 to 10^-3.25. The term steps/100 makes a longer
        // probe's loss higher, so the first round holds the lowest loss of all: the choice must still be the last round's.
        var probe = new ScriptedProbe((rate, steps) => Math.Pow(Math.Log10(rate) + 2 + (steps / 40.0), 2) + (steps / 100.0));
        var reports = new List<LrTuneProgress>();
        var result = LrTuneRunner.Run(probe, Sweep(Selected, divergedAt: 1e-1), 100, Wide(3), new SynchronousProgress<LrTuneProgress>(reports.Add));

        var rounds = result.Candidates.GroupBy(c => c.Round).ToArray();
        Assert.That(rounds.Select(r => r.Count()), Is.EqualTo(new[] { 7, 3, 2 }));
        Assert.That(rounds.Select(r => r.Select(c => c.StepsRun).Distinct().Single()), Is.EqualTo(new[] { 14, 33, 50 }));

        // Round 0's three lowest losses are at 3e-3, 9e-3 and 1e-3 (nearest 10^-2.35; 2.7e-2 is farther than 1e-3); round 1's
        // two at 1e-3 and 3e-3 (nearest 10^-2.83).
        Assert.That(rounds[1].Select(c => c.LearningRate), Is.EqualTo(new[] { Selected, Selected * 3, Selected * 9 }).Within(1e-9).Percent);
        Assert.That(rounds[2].Select(c => c.LearningRate), Is.EqualTo(new[] { Selected, Selected * 3 }).Within(1e-9).Percent);

        // The choice is the last round's best, 1e-3 (nearest 10^-3.25), where a single round of short probes would have taken 3e-3.
        Assert.That(rounds[0].MinBy(c => c.ValidationLoss).LearningRate, Is.EqualTo(Selected * 3).Within(1e-9).Percent);
        Assert.That(result.ChosenLearningRate, Is.EqualTo(Selected).Within(1e-9).Percent);
        Assert.That(result.Chosen!.Value.Round, Is.EqualTo(2));
        Assert.That(result.Rounds, Is.EqualTo(3));
        Assert.That(result.ProbeSteps, Is.EqualTo(50));
        Assert.That(result.ToString(), Does.StartWith($"chose {LrFormat.LearningRate(Selected)} (held-out loss ").And.Contain(" of 7 candidates in 3 rounds [sweep: "));

        // Every probe asked for its round's steps, in order (each a fresh probe: the target restores after every one).
        Assert.That(probe.Calls.Select(c => c.Steps), Is.EqualTo(Enumerable.Repeat(14, 7).Concat(Enumerable.Repeat(33, 3)).Concat(Enumerable.Repeat(50, 2))));

        // One report per probe, with its round; the last of each round ends it.
        Assert.That(reports.Select(r => (r.Probe, r.Round, r.ProbeInRound, r.ProbesInRound)), Is.EqualTo(
            Enumerable.Range(0, 7).Select(i => (i, 0, i, 7))
                .Concat(Enumerable.Range(0, 3).Select(i => (7 + i, 1, i, 3)))
                .Concat(Enumerable.Range(0, 2).Select(i => (10 + i, 2, i, 2)))));
        Assert.That(reports.Select(r => r.TotalProbes).Distinct(), Is.EqualTo(new[] { 12 }));
        Assert.That(reports.Select(r => r.TotalRounds).Distinct(), Is.EqualTo(new[] { 3 }));
        Assert.That(reports.Count(r => r.EndsRound), Is.EqualTo(3));
    }

    [Test]
    public void A_non_finite_probe_never_survives_and_a_lone_survivor_is_chosen_without_another_round()
    {
        // Only 1e-3 trains without diverging: it is chosen after the first round, and no longer probe runs.
        var probe = new ScriptedProbe((rate, _) => Math.Abs(rate - Selected) < 1e-9 ? 0.5 : double.PositiveInfinity);
        var result = LrTuneRunner.Run(probe, Sweep(Selected, divergedAt: 1e-1), 100, Wide(3));

        Assert.That(result.Rounds, Is.EqualTo(1));
        Assert.That(result.ChosenLearningRate, Is.EqualTo(Selected).Within(1e-9).Percent);
        Assert.That(result.Warnings.Count(w => w.Contains("non-finite", StringComparison.Ordinal)), Is.EqualTo(6));
    }

    [Test]
    public void When_every_probe_of_the_first_round_diverges_nothing_is_chosen_and_the_selection_is_kept()
    {
        var probe = new ScriptedProbe((_, _) => double.NaN);
        var result = LrTuneRunner.Run(probe, Sweep(Selected, divergedAt: 1e-1), 100, Wide(3));

        Assert.That(probe.Calls, Has.Count.EqualTo(7));
        Assert.That(result.Chosen, Is.Null);
        Assert.That(result.LearningRate, Is.EqualTo(Selected));
        Assert.That(result.Warnings[^1], Does.Contain("nothing was chosen"));
    }

    [Test]
    public void A_tie_in_the_last_round_goes_to_the_lower_rate()
    {
        var result = LrTuneRunner.Run(new ScriptedProbe((_, _) => 0.25), Sweep(Selected, divergedAt: 1e-1), 100, Wide(3));
        Assert.That(result.ChosenLearningRate, Is.EqualTo(Selected / 27).Within(1e-9).Percent);
    }

    [Test]
    public void Cancelling_between_rounds_stops_before_the_next_probe()
    {
        using var cancellation = new CancellationTokenSource();
        var probe = new ScriptedProbe((rate, steps) => rate);
        var progress = new SynchronousProgress<LrTuneProgress>(p =>
        {
            if (p.EndsRound)
            {
                cancellation.Cancel();
            }
        });

        Assert.That(
            () => LrTuneRunner.Run(probe, Sweep(Selected, divergedAt: 1e-1), 100, Wide(3), progress, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(probe.Calls, Has.Count.EqualTo(7));
    }

    [Test]
    public void Setting_a_single_round_option_runs_the_single_round_step()
    {
        var probe = new ScriptedProbe((rate, _) => rate);
        var result = LrTuneRunner.Run(probe, Sweep(Selected, divergedAt: 1e-1), 100, new LrTuneOptions { ProbeFraction = 0.25 });

        Assert.That(result.Candidates.Select(c => c.LearningRate), Is.EqualTo(new[] { Selected / 3, Selected }).Within(1e-9).Percent);
        Assert.That(result.Candidates.Select(c => (c.StepsRun, c.Round)), Is.All.EqualTo((25, 0)));
    }

    [Test]
    public void The_JSON_report_lists_every_probe_with_its_round()
    {
        var probe = new ScriptedProbe((rate, steps) => Math.Pow(Math.Log10(rate) + 3, 2) + (1.0 / steps));
        var result = LrTuneRunner.Run(probe, Sweep(Selected, divergedAt: 1e-1), 100, Wide(3));
        using var json = System.Text.Json.JsonDocument.Parse(result.ToJson());
        var tune = json.RootElement.GetProperty("tune");
        var candidates = tune.GetProperty("candidates").EnumerateArray().ToArray();

        Assert.That(candidates, Has.Length.EqualTo(result.Candidates.Count));
        Assert.That(
            candidates.Select(c => (c.GetProperty("learningRate").GetDouble(), c.GetProperty("stepsRun").GetInt32(), c.GetProperty("round").GetInt32(), c.GetProperty("validationLoss").GetDouble())),
            Is.EqualTo(result.Candidates.Select(c => (c.LearningRate, c.StepsRun, c.Round, c.ValidationLoss))));
        Assert.That(tune.GetProperty("rounds").GetInt32(), Is.EqualTo(3));
        Assert.That(tune.GetProperty("totalProbeSteps").GetInt32(), Is.EqualTo(result.TotalProbeSteps));
        Assert.That(tune.GetProperty("chosen").GetDouble(), Is.EqualTo(Selected).Within(1e-9).Percent);
    }

    /// <summary>The library's layout reaching up to the sweep's highest stable rate: seven candidates on the test sweep.</summary>
    private static LrHalvingSettings Uncapped => LrHalvingSettings.Default with { HighestRatio = double.PositiveInfinity };

    private static LrTuneOptions Wide(double budget) => new() { Budget = budget, Halving = Uncapped };

    private static double[] Rates(int count) => Enumerable.Range(0, count).Select(i => Selected * Math.Pow(3, i - (count / 2))).ToArray();

    /// <summary>
    /// A sweep from <paramref name="firstRate"/> in steps of a quarter decade that diverged at <paramref name="divergedAt"/>,
    /// with <paramref name="selected"/> selected and, optionally, a second suggestion lower down.
    /// </summary>
    private static LrFinderResult Sweep(double selected, double divergedAt, double lowSuggestion = double.NaN, double firstRate = 1e-7)
    {
        int count = (int)Math.Round(Math.Log10(divergedAt / firstRate) * 2) + 1;
        var points = Enumerable.Range(0, count).Select(i => new LrCurvePoint(i, firstRate * Math.Pow(10, i / 2.0), 1.0, 1.0)).ToArray();
        var chosen = LrSuggestion.At("test", selected, points[count / 2], "by hand.");
        var suggestions = double.IsNaN(lowSuggestion) ? [chosen] : new[] { chosen, LrSuggestion.At("low", lowSuggestion, points[0], "by hand.") };
        return new LrFinderResult(new LrCurve(points, count), LrFinderStopReason.Diverged, suggestions, chosen, [], new LrFinderOptions(), TimeSpan.Zero);
    }

    /// <summary>A probe whose held-out loss is a function of (rate, steps); records every call and honours cancellation.</summary>
    private sealed class ScriptedProbe(Func<double, int, double> loss) : ILrProbeTarget
    {
        public List<(double Rate, int Steps)> Calls { get; } = [];

        public LrTuneCandidate Probe(double learningRate, int steps, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Calls.Add((learningRate, steps));
            return new LrTuneCandidate(learningRate, loss(learningRate, steps), steps);
        }
    }
}
