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
