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
    }

    [Test]
    public void Invalid_settings_name_the_parameter()
    {
        var probe = new ScriptedProbe(lr => lr);
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => LrTuneRunner.Run(probe, SelectedAt(1e-3), 0))!.ParamName, Is.EqualTo("budgetSteps"));
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
