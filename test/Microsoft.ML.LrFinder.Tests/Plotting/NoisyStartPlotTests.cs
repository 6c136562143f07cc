using Microsoft.ML.LrFinder.Plotting;
using OxyPlot;

namespace Microsoft.ML.LrFinder.Tests.Plotting;

public class NoisyStartPlotTests
{
    /// <summary>
    /// A curve whose first recorded losses (0.4) are far below the plateau that follows (2.3), as a noisy first batch can
    /// leave it: the smoothed curve starts at its lowest value, so a loss axis scaled from the start clipped everything above.
    /// Then the usual fall to 0.3 and a blow-up.
    /// </summary>
    private static LrFinderResult NoisyStart()
    {
        var points = new List<LrCurvePoint>();
        var average = new DebiasedMovingAverage(LrFinderDefaults.SmoothingBeta);
        for (int i = 0; i < 90; i++)
        {
            double lr = 1e-7 * Math.Pow(1e8, i / 99.0);
            double loss = i < 3 ? 0.4 : i < 40 ? 2.3 : i < 75 ? 2.3 - (2.0 * (i - 40) / 35) : 0.3 * Math.Pow(1.6, i - 74);
            points.Add(new LrCurvePoint(i, lr, loss, average.Add(loss)));
        }

        var options = new LrFinderOptions
        {
            SuggestionMethods = [.. LrSuggestionMethods.All, new LagFreeMinimumMethod("lf-minimum", 3)],
        };
        return LrCurveAnalysis.Analyze(new LrCurve(points, 100), options);
    }

    [Test]
    public void Every_marked_point_and_the_whole_window_of_each_curve_read_stay_inside_the_axes()
    {
        var result = NoisyStart();
        var model = result.ToPlotModel();
        ((IPlotModel)model).Update(true);
        var lossAxis = model.Axes.Single(a => a.Key == LrPlotBuilder.LossAxisKey);
        var lrAxis = model.Axes.Single(a => a.Key == LrPlotBuilder.LearningRateAxisKey);
        Assert.That(result.Suggestions.Where(s => s.HasValue), Has.Some.Matches<LrSuggestion>(s => s.Curve == LrLossCurve.LagFree));
        foreach (var suggestion in result.Suggestions.Where(s => s.HasValue))
        {
            Assert.That(suggestion.PointLoss, Is.InRange(lossAxis.ActualMinimum, lossAxis.ActualMaximum), suggestion.Method);
            Assert.That(suggestion.Point!.Value.LearningRate, Is.InRange(lrAxis.ActualMinimum, lrAxis.ActualMaximum), suggestion.Method);
        }

        var curve = result.Curve;
        foreach (var point in curve.Points.Skip(curve.WindowStart).Take(curve.WindowLength))
        {
            Assert.That(point.SmoothedLoss, Is.InRange(lossAxis.ActualMinimum, lossAxis.ActualMaximum), $"smoothed, iteration {point.Iteration}");
            if (double.IsFinite(point.LagFreeLoss))
            {
                Assert.That(point.LagFreeLoss, Is.InRange(lossAxis.ActualMinimum, lossAxis.ActualMaximum), $"lag-free, iteration {point.Iteration}");
            }
        }
    }

    [Test]
    public void The_lag_free_curve_is_drawn_and_named_after_the_rules_that_read_it()
    {
        var model = NoisyStart().ToPlotModel();
        var titles = model.Series.Select(s => s.Title).Where(t => t is not null).ToArray();
        Assert.That(titles, Has.Some.EqualTo("lag-free loss, read by lagfree, lf-minimum"));
    }
}
