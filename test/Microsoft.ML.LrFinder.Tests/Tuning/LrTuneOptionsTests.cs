namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// The tuning options' limits and the probe length: what a user who sets them gets told, and how many steps each probe
/// trains (the probes' cost is CandidateCount × ProbeSteps).
/// </summary>
public class LrTuneOptionsTests
{
    [Test]
    public void The_defaults_are_valid_and_documented()
    {
        // LrTuneDefaults: 2 candidates 3× apart, a quarter of the budget per probe, a fifth of the rows held out, seed 0.
        var options = new LrTuneOptions();
        Assert.DoesNotThrow(options.Validate);
        Assert.That(
            (options.CandidateCount, options.CandidateSpacing, options.ProbeFraction, options.HoldOutFraction, options.HoldOutSeed),
            Is.EqualTo((2, 3.0, 0.25, 0.2, 0)));
    }

    [Test]
    public void By_default_successive_halving_runs_within_the_default_budget()
    {
        var options = new LrTuneOptions();
        Assert.That((options.Budget, options.SingleRound), Is.EqualTo((LrTuneDefaults.Budget, false)));
    }

    [Test]
    public void Setting_any_single_round_option_selects_the_single_round_step()
    {
        Assert.That(new LrTuneOptions { CandidateCount = 2 }.SingleRound, Is.True);
        Assert.That(new LrTuneOptions { CandidateSpacing = 3 }.SingleRound, Is.True);
        Assert.That(new LrTuneOptions { ProbeFraction = 0.25 }.SingleRound, Is.True);
        Assert.That(new LrTuneOptions { Budget = 1, HoldOutFraction = 0.3, HoldOutSeed = 2 }.SingleRound, Is.False);
        Assert.That(new LrTuneOptions { ProbeFraction = 0.5 }.Clone().SingleRound, Is.True, "a copy keeps the step");
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(10.000001)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void A_budget_out_of_range_is_named(double budget)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(new LrTuneOptions { Budget = budget }.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrTuneOptions.Budget)));
    }

    [TestCase(1e-9)]
    [TestCase(10.0)]
    public void The_budget_limits_themselves_are_accepted(double budget) =>
        Assert.DoesNotThrow(new LrTuneOptions { Budget = budget }.Validate);

    [TestCase(0, 3.0, 0.25, 0.2, nameof(LrTuneOptions.CandidateCount))]
    [TestCase(10, 3.0, 0.25, 0.2, nameof(LrTuneOptions.CandidateCount))]
    [TestCase(3, 1.0, 0.25, 0.2, nameof(LrTuneOptions.CandidateSpacing))]
    [TestCase(3, double.NaN, 0.25, 0.2, nameof(LrTuneOptions.CandidateSpacing))]
    [TestCase(3, double.PositiveInfinity, 0.25, 0.2, nameof(LrTuneOptions.CandidateSpacing))]
    [TestCase(3, 3.0, 0.0, 0.2, nameof(LrTuneOptions.ProbeFraction))]
    [TestCase(3, 3.0, 1.0000001, 0.2, nameof(LrTuneOptions.ProbeFraction))]
    [TestCase(3, 3.0, double.NaN, 0.2, nameof(LrTuneOptions.ProbeFraction))]
    [TestCase(3, 3.0, 0.25, 0.0, nameof(LrTuneOptions.HoldOutFraction))]
    [TestCase(3, 3.0, 0.25, 1.0, nameof(LrTuneOptions.HoldOutFraction))]
    [TestCase(3, 3.0, 0.25, double.NaN, nameof(LrTuneOptions.HoldOutFraction))]
    public void An_option_out_of_range_is_named(int count, double spacing, double probeFraction, double holdOut, string name)
    {
        var options = new LrTuneOptions
        {
            CandidateCount = count, CandidateSpacing = spacing, ProbeFraction = probeFraction, HoldOutFraction = holdOut,
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(name));
        Assert.That(ex.Message, Does.StartWith(RangeMessages[name]));
    }

    // What each refusal tells the user about the option's range (the messages docs/errors.md lists).
    private static readonly Dictionary<string, string> RangeMessages = new()
    {
        [nameof(LrTuneOptions.CandidateCount)] = "must be between 1 and 9.",
        [nameof(LrTuneOptions.CandidateSpacing)] = "must be finite and greater than 1.",
        [nameof(LrTuneOptions.ProbeFraction)] = "must be greater than 0 and at most 1.",
        [nameof(LrTuneOptions.HoldOutFraction)] = "must be greater than 0 and less than 1.",
    };

    [TestCase(1, 9, 1.0, 0.5)]
    [TestCase(9, 1.0000001, 1.0, 0.9999)]
    [TestCase(5, 10.0, 1e-9, 1e-9)]
    public void The_limits_themselves_are_accepted(int count, double spacing, double probeFraction, double holdOut) =>
        Assert.DoesNotThrow(new LrTuneOptions
        {
            CandidateCount = count, CandidateSpacing = spacing, ProbeFraction = probeFraction, HoldOutFraction = holdOut,
        }.Validate);

    // ⌈budget × fraction⌉, at least 1: 100 × 0.07 is 7.000000000000001 in binary (Python: 100*0.07) and must stay 7;
    // 10 × 0.25 = 2.5 → 3; 7 × 0.01 = 0.07 → 1; the whole budget at fraction 1.
    [TestCase(100, 0.07, 7)]
    [TestCase(10, 0.25, 3)]
    [TestCase(7, 0.01, 1)]
    [TestCase(37, 1.0, 37)]
    [TestCase(1, 0.25, 1)]
    public void A_probe_trains_the_fraction_of_the_budget_rounded_up(int budget, double fraction, int steps) =>
        Assert.That(new LrTuneOptions { ProbeFraction = fraction }.ProbeSteps(budget), Is.EqualTo(steps));

    [Test]
    public void A_budget_below_one_step_is_rejected_by_name()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LrTuneOptions().ProbeSteps(0));
        Assert.That(ex!.ParamName, Is.EqualTo("budgetSteps"));
    }

    [Test]
    public void A_clone_is_independent_of_the_original()
    {
        var options = new LrTuneOptions { CandidateCount = 4, HoldOutSeed = 7 };
        var clone = options.Clone();
        options.CandidateCount = 1;
        Assert.That((clone.CandidateCount, clone.HoldOutSeed), Is.EqualTo((4, 7)));
    }
}
