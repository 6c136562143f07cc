namespace Microsoft.ML.LrFinder.Tests.Analysis;

public class LrCurveAnalysisTests
{
    [Test]
    public void Raw_losses_are_smoothed_and_the_curve_is_kept_whole()
    {
        // The loss rises to 50× its best at the end: a sweep would have stopped, an analysis keeps every point.
        var pairs = Enumerable.Range(0, 40).Select(i => (1e-6 * Math.Pow(10, i / 5.0), i < 20 ? 10.0 - (0.45 * i) : 1 + (2.5 * (i - 20)))).ToArray();
        var result = LrCurveAnalysis.Analyze(pairs, requestedIterations: 40, options: new LrFinderOptions { SmoothingBeta = 0.5 });

        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.AsRecorded));
        Assert.That(result.IterationsRun, Is.EqualTo(40));
        Assert.That(result.Curve.Points.Select(p => p.Loss), Is.EqualTo(pairs.Select(p => p.Item2)));

        // β = 0.5: the second smoothed loss is (0.5·(0.5·10) + 0.5·9.55) / (1 − 0.25) = 9.7.
        Assert.That(result.Curve.Points[1].SmoothedLoss, Is.EqualTo(9.7).Within(1e-12));
        Assert.That(result.Curve.WindowStart, Is.EqualTo(4));
    }

    [Test]
    public void Smoothed_losses_are_used_as_they_are()
    {
        var pairs = new[] { (1e-3, 3.0), (1e-2, 2.0), (1e-1, 1.0) };
        var result = LrCurveAnalysis.Analyze(pairs, requestedIterations: 3, lossIsSmoothed: true);
        Assert.That(result.Curve.Points.Select(p => p.SmoothedLoss), Is.EqualTo(new[] { 3.0, 2, 1 }));
    }

    [Test]
    public void The_result_options_describe_the_curve()
    {
        var pairs = Enumerable.Range(0, 8).Select(i => (1e-4 * (i + 1), 1.0)).ToArray();
        var result = LrCurveAnalysis.Analyze(pairs, requestedIterations: 8, options: new LrFinderOptions { Selector = LrSuggestionMethods.Minimum });
        Assert.That(result.Options.NumberOfIterations, Is.EqualTo(8));
        Assert.That(result.Options.StartLearningRate, Is.EqualTo(1e-4));
        Assert.That(result.Options.EndLearningRate, Is.EqualTo(8e-4));
        Assert.That(result.Selected!.Method, Is.EqualTo("minimum"));
        Assert.That(result.Elapsed, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void A_curve_is_analysed_with_its_own_lag_free_bandwidth_and_the_result_says_so()
    {
        var points = Enumerable.Range(0, 30).Select(i => new LrCurvePoint(i, 1e-5 * Math.Pow(10, i / 6.0), 5 - (0.1 * i) + (0.3 * (i % 2)), 5 - (0.1 * i))).ToArray();
        var curve = new LrCurve(points, 30, lagFreeBandwidthDecades: 0.5);

        var result = LrCurveAnalysis.Analyze(curve, new LrFinderOptions { LagFreeBandwidthDecades = 0.1 });

        Assert.That(result.Options.LagFreeBandwidthDecades, Is.EqualTo(0.5), "the result's options describe the curve it read");
        Assert.That(result.Curve.Points.Select(p => p.LagFreeLoss), Is.EqualTo(curve.Points.Select(p => p.LagFreeLoss)), "the lag-free losses are the curve's");
    }

    [Test]
    public void An_empty_or_single_point_curve_is_analysed_without_error()
    {
        Assert.That(LrCurveAnalysis.Analyze([], 0).Selected!.HasValue, Is.False);
        Assert.That(LrCurveAnalysis.Analyze([(1e-3, 1.0)], 1).IterationsRun, Is.EqualTo(1));
    }

    [Test]
    public void A_negative_requested_iteration_count_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LrCurveAnalysis.Analyze([(1e-3, 1.0)], -1));
        Assert.That(ex!.ParamName, Is.EqualTo("requestedIterations"));
    }
}
