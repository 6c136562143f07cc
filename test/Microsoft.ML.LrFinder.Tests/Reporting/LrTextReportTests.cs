using Microsoft.ML.LrFinder.Tests.Plotting;

namespace Microsoft.ML.LrFinder.Tests.Reporting;

public class LrTextReportTests
{
    [Test]
    public void The_report_states_stop_reason_iterations_window_suggestions_selection_and_warnings()
    {
        var result = SyntheticResults.Diverged();
        var curve = result.Curve;
        string report = result.ToText();
        var window = $"points {curve.Points[curve.WindowStart].Iteration} to {curve.Points[curve.WindowEnd - 1].Iteration}";
        Assert.Multiple(() =>
        {
            Assert.That(report, Does.Contain("Stopped early: the loss diverged at iteration 87 (learning rate 1.07e+0)"));
            Assert.That(report, Does.Contain($"{result.IterationsRun} run of 100 requested"));
            Assert.That(report, Does.Contain(window).And.Contain("10 points skipped at the start, 5 at the end"));
            foreach (var suggestion in result.Suggestions)
            {
                Assert.That(report, Does.Contain(suggestion.Explanation));
            }

            Assert.That(report, Does.Contain("* minimum/10 = 7.92e-3 (loss minimum at 7.92e-2)"));
            Assert.That(report, Does.Contain("point: iteration 73, learning rate 7.92e-2"));
            Assert.That(report, Does.Contain("Selected:    valley 8.5e-3"));
            Assert.That(report, Does.Contain("- " + result.Warnings[0]));
        });
    }

    [Test]
    public void The_rule_of_a_configured_method_is_printed_in_words()
    {
        var method = new FixedMethod();
        var curve = new LrCurve(SyntheticResults.UShapedPoints(), 100);
        var suggestion = method.Suggest(curve);
        var result = new LrFinderResult(curve, LrFinderStopReason.Diverged, [suggestion], suggestion, [],
            new LrFinderOptions { SuggestionMethods = [method], Selector = method }, TimeSpan.Zero);
        Assert.That(result.ToText(), Does.Contain("rule:  " + method.Rule));
    }

    [Test]
    public void A_result_without_suggestions_says_so()
    {
        var result = new LrFinderResult(new LrCurve([], 100), LrFinderStopReason.Cancelled,
            [LrSuggestion.None("valley", "the window is empty.")], null, [], new LrFinderOptions(), TimeSpan.Zero);
        string report = result.ToText();
        Assert.That(report, Does.Contain("* valley: no suggestion").And.Contain("the window is empty."));
        Assert.That(report, Does.Contain("Selected:    none"));
        Assert.That(report, Does.Contain("Window:      empty"));
    }

    [Test]
    public void The_whole_report_of_a_hand_made_result_reads_as_written_here()
    {
        // 30 points ten per decade from 1e-4 (point i at 1e-4·10^(i/10)), 30 requested: the window skips 30 / 10 = 3 points at
        // the start and 5 at the end (points 3 to 24). The suggestions cover each kind of line: read at its point (valley,
        // selected), derived from its point (minimum/10, on the smoothed curve; lagfree/2.5, on the lag-free curve), none
        // (slide), and a method the options do not name (no rule line) with no explanation (no how line). The raw loss is
        // 3 − 0.1·i, a straight line the lag-free curve gives back unchanged, and the smoothed loss 0.5 above it, so each
        // point line shows the loss of the curve its rule read.
        var points = Enumerable.Range(0, 30)
            .Select(i => new LrCurvePoint(i, 1e-4 * Math.Pow(10, i / 10.0), 3 - (0.1 * i), 3.5 - (0.1 * i)))
            .ToArray();
        var curve = new LrCurve(points, 30);
        var suggestions = new[]
        {
            LrSuggestion.At("valley", curve.Points[10].LearningRate, curve.Points[10], "a run of 12 points."),
            LrSuggestion.At("minimum", curve.Points[20].LearningRate / 10, curve.Points[20], "a tenth of the lowest."),
            LrSuggestion.At("lagfree", curve.Points[20].LearningRate / 2.5, curve.Points[20], "the lag-free minimum ÷ 2.5.", LrLossCurve.LagFree),
            LrSuggestion.None("slide", "too few points."),
            LrSuggestion.At("custom", curve.Points[5].LearningRate, curve.Points[5], string.Empty),
        };
        var result = new LrFinderResult(curve, LrFinderStopReason.Completed, suggestions, suggestions[0],
            ["First warning.", "Second warning."], new LrFinderOptions(), TimeSpan.Zero);

        Assert.That(result.ToText(), Is.EqualTo(string.Join(Environment.NewLine,
            "Learning-rate finder",
            "  Stop:        Completed: all 30 requested iterations ran.",
            "  Iterations:  30 run of 30 requested, learning rate 1e-4 to 7.94e-2",
            "  Window:      points 3 to 24 (learning rate 2e-4 to 2.51e-2); 3 points skipped at the start, 5 at the end",
            "  Suggestions:",
            "    * valley 1e-3  [selected]",
            "        rule:  " + LrSuggestionMethods.Valley.Rule,
            "        how:   a run of 12 points.",
            "        point: iteration 10, learning rate 1e-3, smoothed loss 2.5",
            "    * minimum/10 = 1e-3 (loss minimum at 1e-2)",
            "        rule:  " + LrSuggestionMethods.Minimum.Rule,
            "        how:   a tenth of the lowest.",
            "        point: iteration 20, learning rate 1e-2, smoothed loss 1.5",
            "    * lagfree/2.5 = 4e-3 (lag-free minimum at 1e-2)",
            "        rule:  " + LrSuggestionMethods.LagFree.Rule,
            "        how:   the lag-free minimum ÷ 2.5.",
            "        point: iteration 20, learning rate 1e-2, lag-free loss 1",
            "    * slide: no suggestion",
            "        rule:  " + LrSuggestionMethods.Slide.Rule,
            "        why:   too few points.",
            "    * custom 3.16e-4",
            "        point: iteration 5, learning rate 3.16e-4, smoothed loss 3",
            "  Selected:    valley 1e-3",
            "  Warnings:",
            "    - First warning.",
            "    - Second warning.") + Environment.NewLine));
    }

    [Test]
    public void A_result_without_suggestions_or_warnings_says_none_for_both()
    {
        var curve = new LrCurve([new LrCurvePoint(0, 1e-3, 2, 2)], 10);
        var result = new LrFinderResult(curve, LrFinderStopReason.Cancelled, [], null, [], new LrFinderOptions(), TimeSpan.Zero);
        Assert.That(result.ToText(), Is.EqualTo(string.Join(Environment.NewLine,
            "Learning-rate finder",
            "  Stop:        Stopped early: the sweep was cancelled at iteration 0 (learning rate 1e-3).",
            "  Iterations:  1 run of 10 requested, learning rate 1e-3 to 1e-3",
            "  Window:      empty: no point of the curve could be used",
            "  Suggestions:",
            "    (none)",
            "  Selected:    none (the selector made no suggestion)",
            "  Warnings:",
            "    (none)") + Environment.NewLine));
    }

    private sealed class FixedMethod : ILrSuggestionMethod
    {
        public string Name => "middle";

        public string Rule => "the learning rate of the middle point of the window.";

        public LrSuggestion Suggest(LrCurve curve)
        {
            var point = curve.Points[(curve.WindowStart + curve.WindowEnd) / 2];
            return LrSuggestion.At(Name, point.LearningRate, point, "the middle point.");
        }
    }
}
