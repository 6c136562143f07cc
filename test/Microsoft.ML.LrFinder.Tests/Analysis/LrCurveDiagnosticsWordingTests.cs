using static Microsoft.ML.LrFinder.Tests.Analysis.DiagnosticsCurves;

namespace Microsoft.ML.LrFinder.Tests.Analysis;

/// <summary>
/// The warnings word for word, as the text report, the JSON report and the CLI print them: each names the numbers it read
/// and what to change. Curves are ten points per decade from 1e-6 (point i at 1e-6·10^(i/10)), smoothed loss as given.
/// </summary>
public class LrCurveDiagnosticsWordingTests
{
    [TestCase(LrFinderStopReason.Diverged, "diverged")]
    [TestCase(LrFinderStopReason.NonFiniteLoss, "became non-finite")]
    public void An_early_blow_up_names_the_iteration_and_the_learning_rate(LrFinderStopReason reason, string how)
    {
        // 10 points of 100 requested: exactly the first tenth; the last point is at 1e-6·10^0.9 = 7.94e-6.
        var warnings = Diagnose(Curve(Enumerable.Range(0, 10).Select(i => 1.0 + i), requested: 100), reason);
        Assert.That(warnings, Has.One.EqualTo(
            $"The loss {how} after 10 of 100 iterations (within the first 10% of the range), at learning rate 7.94e-6: lower StartLearningRate."));
    }

    [Test]
    public void A_loss_that_never_decreased_in_the_window_says_where_and_by_how_little()
    {
        // Window points 10 to 54 (100 requested, 60 recorded): a steady rise from 1.1, so the lowest is the first.
        var warnings = Diagnose(Curve(Enumerable.Range(0, 60).Select(i => 1 + (0.01 * i)), requested: 100), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.One.EqualTo(
            "The loss never decreased in the suggestion window (its lowest smoothed value, 1.1, is not 1% below the first, 1.1): the start learning rate is too high, or the model has already converged. Lower StartLearningRate, or check the model and data."));
    }

    [Test]
    public void Without_a_window_the_loss_is_judged_on_every_point_it_trained_through()
    {
        // 6 points, none requested: the window keeps one point (the last 5 are dropped), too few to judge, so all 6 are read.
        var warnings = Diagnose(Curve([2, 2.1, 2.2, 2.3, 2.4, 2.5], requested: 0), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.One.EqualTo(
            "The loss never decreased (its lowest smoothed value, 2, is not 1% below the first, 2): the start learning rate is too high, or the model has already converged. Lower StartLearningRate, or check the model and data."));
    }

    [Test]
    public void A_fall_of_just_over_one_percent_counts_as_a_decrease()
    {
        // From 1 to 0.9899 in the window (points 10 to 54): 1.01% below the first; 0.9901 would be 0.99% and warn.
        Assert.That(Diagnose(Curve(Enumerable.Range(0, 60).Select(i => i == 30 ? 0.9899 : 1.0), requested: 100), LrFinderStopReason.Diverged),
            Has.None.Contains("never decreased"));
        Assert.That(Diagnose(Curve(Enumerable.Range(0, 60).Select(i => i == 30 ? 0.9901 : 1.0), requested: 100), LrFinderStopReason.Diverged),
            Has.One.Contains("never decreased"));
    }

    [Test]
    public void A_fall_of_exactly_one_percent_is_not_more_than_one_percent()
    {
        // From 100 to 99 in the window: exactly 1% (both sides exact in binary), which the rule does not count as a fall.
        var warnings = Diagnose(Curve(Enumerable.Range(0, 60).Select(i => i == 30 ? 99.0 : 100.0), requested: 100), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.One.Contains("never decreased in the suggestion window (its lowest smoothed value, 99, is not 1% below the first, 100)"));
    }

    [Test]
    public void A_window_of_two_points_is_judged_on_its_own()
    {
        // 10 requested, 8 recorded: the window is points 1 and 2 (the last 5 dropped). It falls (3 → 2.5) while the whole
        // curve's first point (2) is below both: judged on the window, nothing to report.
        var warnings = Diagnose(Curve([2, 3, 2.5, 4, 4, 4, 4, 4], requested: 10), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.None.Contains("never decreased"));
        var flat = Diagnose(Curve([2, 3, 3, 4, 4, 4, 4, 4], requested: 10), LrFinderStopReason.Diverged);
        Assert.That(flat, Has.One.Contains("The loss never decreased in the suggestion window (its lowest smoothed value, 3, is not 1% below the first, 3)"));
    }

    [Test]
    public void A_single_point_is_not_judged_for_a_fall()
    {
        Assert.That(Diagnose(Curve([2]), LrFinderStopReason.Diverged), Has.None.Contains("never decreased"));
    }

    [Test]
    public void A_window_too_short_to_judge_falls_back_to_every_point_from_the_first()
    {
        // 10 requested, 7 recorded: the window is point 1 alone. From point 0 (3) the loss falls to 1 (point 6, after the
        // window): judged on all the points, it decreased.
        var warnings = Diagnose(Curve([3, 3, 3, 3, 3, 3, 1], requested: 10), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.None.Contains("never decreased"));
        var flat = Diagnose(Curve([2, 3, 3, 3, 3, 3, 3], requested: 10), LrFinderStopReason.Diverged);
        Assert.That(flat, Has.One.Contains("The loss never decreased (its lowest smoothed value, 2, is not 1% below the first, 2)"));
    }

    [Test]
    public void A_loss_that_falls_only_after_the_window_never_decreased_in_it()
    {
        // The window (points 10 to 54) is flat; the lowest loss is in the 5 dropped points after it.
        var warnings = Diagnose(Curve(Enumerable.Range(0, 60).Select(i => i >= 57 ? 0.5 : 1.0), requested: 100), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.One.Contains("never decreased in the suggestion window"));
    }

    [Test]
    public void A_two_point_sweep_that_fell_asks_for_a_higher_end()
    {
        var warnings = Diagnose(Curve([2, 1]), LrFinderStopReason.Completed);
        Assert.That(warnings, Has.One.Contains("The loss never turned upward: it was lowest at the end of the range (learning rate 1.26e-6)"));
    }

    [TestCase(9, false)]
    [TestCase(10, true)]
    public void Noise_is_judged_on_windows_of_ten_points_or_more(int windowPoints, bool judged)
    {
        // The zigzag of the noisy-curve test, cut to the given window (none requested, five points dropped at the end).
        var losses = Enumerable.Range(0, windowPoints + 5).Select(i => 3 - (0.01 * i) + (i % 2 == 0 ? 0.1 : -0.1));
        Assert.That(Diagnose(Curve(losses), LrFinderStopReason.Diverged).Any(w => w.StartsWith("The curve is noisy", StringComparison.Ordinal)), Is.EqualTo(judged));
    }

    [TestCase(89, false)]
    [TestCase(90, true)]
    public void A_minimum_in_the_last_tenth_of_a_completed_sweep_asks_for_a_higher_end(int lowest, bool warned)
    {
        // 100 points: the last tenth is points 90 to 99. The loss falls to its lowest at the given point, then rises a little.
        var curve = Curve(Enumerable.Range(0, 100).Select(i => i <= lowest ? 10.0 - (0.05 * i) : 10.0 - (0.05 * lowest) + (0.001 * (i - lowest))), requested: 100);
        string expected = $"The loss never turned upward: it was lowest at the end of the range (learning rate {LrFormat.LearningRate(1e-6 * Math.Pow(10, lowest / 10.0))}). Raise EndLearningRate to see where training breaks down.";
        Assert.That(Diagnose(curve, LrFinderStopReason.Completed).Contains(expected), Is.EqualTo(warned));
        Assert.That(Diagnose(curve, LrFinderStopReason.AsRecorded).Contains(expected), Is.EqualTo(warned), "a recorded curve is read the same way");
        Assert.That(Diagnose(curve, LrFinderStopReason.Cancelled), Has.None.Contains("never turned upward"), "a cancelled sweep did not reach the end");
    }

    [Test]
    public void A_noisy_curve_gives_both_steepest_steps()
    {
        // The zigzag of LrCurveDiagnosticsTests: ±0.1 on a fall of 0.01 per point. Steepest raw step −0.01 − 0.2 = −0.21. The
        // denoised curve's steepest step is at the start, where the windows shrink: medians 3.1, 3.08, 3.06, 2.89 (windows of
        // 1, 3, 5, 5 points), means 3.1, 3.08, 3.01, so −0.07 (inside, the step is −0.0633).
        var warnings = Diagnose(Curve(Enumerable.Range(0, 100).Select(i => 3 - (0.01 * i) + (i % 2 == 0 ? 0.1 : -0.1))), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.One.EqualTo(
            "The curve is noisy: its steepest single step (-0.21 per point) is more than 2x as steep as the steepest step of the denoised curve (-0.07), so the steepest-slope rule (steep) mostly measures noise. Prefer valley or halfdrop, or sweep with larger batches."));
    }

    [Test]
    public void Suggestions_exactly_ten_times_apart_do_not_disagree()
    {
        // 0.125 and 1.25 are exact in binary: 10 × 0.125 is 1.25, not above it.
        var point = new LrCurvePoint(0, 1e-3, 1, 1);
        LrSuggestion[] tenTimes = [LrSuggestion.At("valley", 0.125, point, "a"), LrSuggestion.At("steep", 1.25, point, "b")];
        LrSuggestion[] more = [LrSuggestion.At("valley", 0.125, point, "a"), LrSuggestion.At("steep", 1.2500001, point, "b"), LrSuggestion.None("slide", "c")];
        Assert.That(LrCurveDiagnostics.Diagnose(Bowl(), LrFinderStopReason.Diverged, tenTimes, tenTimes[0]), Has.None.Contains("disagree"));
        Assert.That(LrCurveDiagnostics.Diagnose(Bowl(), LrFinderStopReason.Diverged, more, more[0]), Has.One.EqualTo(
            "The suggestions disagree by more than 10x (valley 1.25e-1, steep 1.25e+0): look at the plot before choosing."));
    }

    [Test]
    public void An_empty_window_names_what_the_rules_skip_and_a_missing_selection_gives_its_reason()
    {
        var curve = Curve(Enumerable.Range(0, 8).Select(i => 5.0 - i), requested: 100);
        var selected = LrSuggestion.None("valley", "the suggestion window is empty.");
        var warnings = LrCurveDiagnostics.Diagnose(curve, LrFinderStopReason.Diverged, [selected], selected);
        Assert.That(warnings, Has.One.EqualTo(
            "No point is left for the suggestion methods: of 8 points they skip the first 10, the last 5 and any after a non-finite loss. Run more iterations or widen the range."));
        Assert.That(warnings, Has.One.EqualTo("The selected method (valley) made no suggestion: the suggestion window is empty."));
        Assert.That(warnings, Has.None.Contains("never decreased"), "a curve that fell by 1 a point");
    }

    [Test]
    public void An_empty_curve_gets_only_the_no_point_warning()
    {
        Assert.That(Diagnose(new LrCurve([], 100), LrFinderStopReason.Cancelled),
            Is.EqualTo(new[] { "The sweep recorded no point: nothing can be suggested." }));
    }
}
