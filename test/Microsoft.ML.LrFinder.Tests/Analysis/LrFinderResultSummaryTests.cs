using Microsoft.ML.LrFinder.Tests.Plotting;

namespace Microsoft.ML.LrFinder.Tests.Analysis;

/// <summary><c>LrFinderResult.ToString()</c> is a one-line summary; the full text report is <c>ToText()</c> (Reporting/).</summary>
public class LrFinderResultSummaryTests
{
    [Test]
    public void The_summary_names_the_selected_rate_its_rule_and_curve_the_stop_and_the_warning_count()
    {
        var result = SyntheticResults.Diverged();
        Assert.That(result.Warnings, Has.Count.EqualTo(1), "the synthetic result has one warning");
        Assert.That(result.ToString(), Is.EqualTo(
            $"selected 8.5e-3 by valley on the smoothed curve; Diverged after {result.IterationsRun} of 100 iterations; 1 warning"));
    }

    [Test]
    public void The_summary_names_the_lag_free_curve_when_the_rule_read_it()
    {
        var points = SyntheticResults.UShapedPoints();
        var lagFree = LrSuggestion.At("lagfree", points[40].LearningRate, points[40], "by hand.", LrLossCurve.LagFree);
        var result = new LrFinderResult(new LrCurve(points, 100), LrFinderStopReason.Completed, [lagFree], lagFree, [], new LrFinderOptions(), TimeSpan.Zero);
        Assert.That(result.ToString(), Is.EqualTo(
            $"selected {LrFormat.LearningRate(points[40].LearningRate)} by lagfree on the lag-free curve; Completed after {points.Length} of 100 iterations; 0 warnings"));
    }

    [Test]
    public void A_selector_without_a_suggestion_and_a_result_without_a_selection_say_so()
    {
        var none = LrSuggestion.None("valley", "the window is empty.");
        var noSuggestion = new LrFinderResult(new LrCurve([], 100), LrFinderStopReason.Cancelled, [none], none, ["a", "b"], new LrFinderOptions(), TimeSpan.Zero);
        var noSelection = new LrFinderResult(new LrCurve([], 100), LrFinderStopReason.Cancelled, [none], null, [], new LrFinderOptions(), TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(noSuggestion.ToString(), Is.EqualTo("valley made no suggestion; Cancelled after 0 of 100 iterations; 2 warnings"));
            Assert.That(noSelection.ToString(), Is.EqualTo("nothing selected; Cancelled after 0 of 100 iterations; 0 warnings"));
        });
    }
}
