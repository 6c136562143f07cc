using static Microsoft.ML.LrFinder.Tests.Analysis.DiagnosticsCurves;

namespace Microsoft.ML.LrFinder.Tests.Analysis;

public class LrCurveDiagnosticsTests
{
    [Test]
    public void A_healthy_curve_has_no_warnings()
    {
        Assert.That(Diagnose(Bowl(), LrFinderStopReason.Diverged), Is.Empty);
    }

    [Test]
    public void A_loss_that_never_decreases_is_reported()
    {
        var warnings = Diagnose(Curve(Enumerable.Range(0, 60).Select(i => 1 + (0.01 * i))), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.One.Contains("never decreased"));
    }

    [Test]
    public void A_dip_within_one_percent_still_counts_as_never_decreasing()
    {
        var losses = Enumerable.Range(0, 60).Select(i => i == 30 ? 0.995 : 1.0 + (0.001 * i));
        Assert.That(Diagnose(Curve(losses), LrFinderStopReason.Completed), Has.One.Contains("never decreased"));
    }

    [Test]
    public void A_low_noisy_first_point_does_not_hide_a_fall_inside_the_window()
    {
        // Issue 19 item 5, as `lrfind suggest` reads a saved curve: one lucky first batch (1.557) below a loss that sits at 2.0
        // and then falls to 1.3. The moving average starts at that first batch, so over the whole curve its lowest value
        // is the first (1.557); inside the window (points 10 to 94, the part the plot draws solid) it falls from 1.964 to
        // 1.598, by 19%. The smoothed values come from the debiased moving average with β 0.98, computed by hand.
        var raw = Enumerable.Range(0, 100).Select(i => i == 0
            ? 1.557
            : 1.3 + (0.7 / (1 + Math.Exp((i - 50) / 5.0))) + (i > 80 ? 0.1 * (i - 80) : 0));
        var result = LrCurveAnalysis.Analyze(raw.Select((loss, i) => (1e-6 * Math.Pow(10, i / 20.0), loss)), requestedIterations: 100);

        Assert.That(result.Curve.Points.Min(p => p.SmoothedLoss), Is.EqualTo(1.557), "the curve's lowest smoothed loss is its first");
        Assert.That(result.Warnings, Has.None.Contains("never decreased"));
    }

    [Test]
    public void A_loss_that_only_rises_inside_the_window_is_reported_even_after_an_early_fall()
    {
        // Falls over the skipped first tenth (the moving average's warm-up), then only rises where the plot draws solid.
        var losses = Enumerable.Range(0, 100).Select(i => i < 10 ? 3.0 - (0.1 * i) : 2.0 + (0.01 * (i - 10)));
        var warnings = Diagnose(Curve(losses, requested: 100), LrFinderStopReason.Completed);
        Assert.That(warnings, Has.One.Contains("never decreased"));
    }

    [Test]
    public void Divergence_within_the_first_tenth_of_the_range_is_reported()
    {
        // 100 requested; stopped after 10 points: within the first 10%.
        var losses = Enumerable.Range(0, 10).Select(i => 1.0 + i);
        Assert.That(Diagnose(Curve(losses, requested: 100), LrFinderStopReason.Diverged), Has.One.Contains("lower StartLearningRate"));
        Assert.That(Diagnose(Curve(losses, requested: 100), LrFinderStopReason.NonFiniteLoss), Has.One.Contains("lower StartLearningRate"));
        Assert.That(Diagnose(Curve(Enumerable.Range(0, 11).Select(i => 1.0 + i), requested: 100), LrFinderStopReason.Diverged),
            Has.None.Contains("lower StartLearningRate"));
    }

    [Test]
    public void A_loss_still_falling_at_the_end_is_reported()
    {
        var warnings = Diagnose(Curve(Enumerable.Range(0, 100).Select(i => 10.0 - (0.05 * i))), LrFinderStopReason.Completed);
        Assert.That(warnings, Has.One.Contains("Raise EndLearningRate"));
    }

    [Test]
    public void A_noisy_curve_is_reported()
    {
        // A zigzag of ±0.1 on a fall of 0.01 per point: the steepest step is −0.21. The median of 5 keeps a ±0.08 zigzag and
        // the mean of 3 shrinks it to ±0.027, so the denoised curve's steepest step is −0.01 − 0.053 = −0.063: 3.3× flatter.
        var warnings = Diagnose(Curve(Enumerable.Range(0, 100).Select(i => 3 - (0.01 * i) + (i % 2 == 0 ? 0.1 : -0.1))), LrFinderStopReason.Diverged);
        Assert.That(warnings, Has.One.Contains("noisy"));
    }

    [Test]
    public void Small_noise_on_a_clear_fall_is_not_reported()
    {
        // The flat start of a real sweep changes direction at almost every step, yet the steepest step is the fall's.
        var losses = Enumerable.Range(0, 80).Select(i => 0.3 + (2.0 / (1 + Math.Exp((i - 40) / 5.0))) + (i % 2 == 0 ? 0.002 : -0.002));
        var curve = Curve(losses, requested: 100);
        Assert.That(Diagnose(curve, LrFinderStopReason.Diverged), Has.None.Contains("noisy"));
    }

    [Test]
    public void Suggestions_more_than_ten_times_apart_are_reported()
    {
        var point = new LrCurvePoint(0, 1e-3, 1, 1);
        LrSuggestion[] suggestions = [LrSuggestion.At("valley", 1e-3, point, "a"), LrSuggestion.At("steep", 2e-2, point, "b")];
        var warnings = LrCurveDiagnostics.Diagnose(Bowl(), LrFinderStopReason.Diverged, suggestions, suggestions[0]);
        Assert.That(warnings, Has.One.Contains("disagree by more than 10x (valley 1e-3, steep 2e-2)"));
    }

    [Test]
    public void An_empty_window_and_a_missing_selection_are_reported()
    {
        var curve = Curve(Enumerable.Range(0, 8).Select(i => 5.0 - i), requested: 100);
        var selected = LrSuggestion.None("valley", "the suggestion window is empty.");
        var warnings = LrCurveDiagnostics.Diagnose(curve, LrFinderStopReason.Diverged, [selected], selected);
        Assert.That(warnings, Has.One.Contains("No point is left"));
        Assert.That(warnings, Has.One.Contains("The selected method (valley) made no suggestion"));
    }
}
