namespace Microsoft.ML.LrFinder.Tests.Sweep;

public class LagFreeSmootherTests
{
    private const double Bandwidth = LrFinderDefaults.LagFreeBandwidthDecades;

    /// <summary>The default sweep's rates: 1e-7 → 10 over 100 points, 0.081 decade apart.</summary>
    private static double[] Rates(int count) =>
        Enumerable.Range(0, count).Select(i => 1e-7 * Math.Pow(1e8, i / (double)(count - 1))).ToArray();

    [Test]
    public void A_loss_linear_in_log_learning_rate_comes_back_unchanged_at_every_point_including_the_ends()
    {
        // Local linear regression reproduces a straight line exactly, so a steady fall is neither delayed nor shifted: this is
        // what "lag-free" means. The moving average the sweep keeps is behind it by many points on the same line.
        var rates = Rates(100);
        var losses = rates.Select(lr => 3 - (0.25 * Math.Log10(lr))).ToArray();
        var smoothed = LagFreeSmoother.Smooth(rates, losses, Bandwidth);
        Assert.That(smoothed, Is.EqualTo(losses).Within(1e-9));

        var average = new DebiasedMovingAverage(LrFinderDefaults.SmoothingBeta);
        var lagged = losses.Select(average.Add).ToArray();
        Assert.That(lagged[60] - losses[60], Is.GreaterThan(0.25 * 0.081 * 20), "the EMA lags the line by more than 20 points");
    }

    [Test]
    public void The_minimum_of_a_bowl_stays_where_it_is_while_the_moving_average_moves_it_right()
    {
        // A parabola in log10(lr) with its bottom at 1e-2 (point 62 of the default sweep): the lag-free curve's lowest point
        // is the bowl's; fastai's debiased moving average puts it several points (half a decade or more) to the right.
        var rates = Rates(100);
        var losses = rates.Select(lr => 1 + Math.Pow(Math.Log10(lr) + 2, 2)).ToArray();
        int bottom = Array.IndexOf(losses, losses.Min());
        var smoothed = LagFreeSmoother.Smooth(rates, losses, Bandwidth);
        Assert.That(Array.IndexOf(smoothed, smoothed.Min()), Is.EqualTo(bottom));

        var average = new DebiasedMovingAverage(LrFinderDefaults.SmoothingBeta);
        var lagged = losses.Select(average.Add).ToArray();
        Assert.That(Array.IndexOf(lagged, lagged.Min()) - bottom, Is.GreaterThanOrEqualTo(6));
    }

    [Test]
    public void A_single_spike_is_removed_and_does_not_lift_its_neighbours()
    {
        var rates = Rates(100);
        var losses = Enumerable.Repeat(2.0, 100).ToArray();
        losses[40] = 200;
        var smoothed = LagFreeSmoother.Smooth(rates, losses, Bandwidth);
        Assert.That(smoothed, Is.All.EqualTo(2.0).Within(1e-12));
    }

    [Test]
    public void Points_from_the_first_non_finite_loss_on_are_NaN_and_the_others_finite()
    {
        var rates = Rates(20);
        var losses = Enumerable.Range(0, 20).Select(i => 5.0 - (0.1 * i)).ToArray();
        losses[15] = double.NaN;
        losses[17] = double.PositiveInfinity;
        var smoothed = LagFreeSmoother.Smooth(rates, losses, Bandwidth);
        Assert.That(smoothed.Take(15), Is.All.Matches<double>(double.IsFinite));
        Assert.That(smoothed.Skip(15), Is.All.NaN);
    }

    [Test]
    public void A_divergent_tail_does_not_drag_the_curve_before_it_upward()
    {
        // Falls from 2.3 to 0.325 along a line, then explodes ×10 a point. The kernel reaches three bandwidths (0.75 decade,
        // 9 points): without the cut it would carry values of 1e3 and more onto the last good points. With it, the only
        // trace of the tail is the median of 3 at the last good point (0.35 for 0.325), a few thousandths on the line.
        var rates = Rates(100);
        var losses = Enumerable.Range(0, 100).Select(i => i < 80 ? 2.3 - (0.025 * i) : 0.325 * Math.Pow(10, i - 79)).ToArray();
        var smoothed = LagFreeSmoother.Smooth(rates, losses, Bandwidth);
        for (int i = 0; i < 75; i++)
        {
            Assert.That(smoothed[i], Is.EqualTo(losses[i]).Within(5e-3), $"point {i}");
        }

        Assert.That(smoothed.Skip(82), Is.All.NaN, "from the first point above the starting plateau (3.25 at point 80, 32.5 after the median) on");
    }

    [Test]
    public void The_curve_does_not_depend_on_the_number_of_iterations()
    {
        // The bandwidth is in decades: the same smooth loss sampled at 100 and at 200 points gives the same curve at a
        // shared learning rate (every other point of the 199-step sweep is a point of the 99-step one).
        static double Loss(double lr) => 1 + Math.Tanh(-(Math.Log10(lr) + 4)) + (0.3 * Math.Pow(Math.Max(0, Math.Log10(lr) + 1), 2));
        var coarse = Rates(100);
        var fine = Rates(199);
        var coarseSmoothed = LagFreeSmoother.Smooth(coarse, coarse.Select(Loss).ToArray(), Bandwidth);
        var fineSmoothed = LagFreeSmoother.Smooth(fine, fine.Select(Loss).ToArray(), Bandwidth);
        for (int i = 0; i < 100; i++)
        {
            Assert.That(fineSmoothed[2 * i], Is.EqualTo(coarseSmoothed[i]).Within(0.01), $"learning rate {coarse[i]}");
        }
    }

    [Test]
    public void A_curve_computes_its_lag_free_loss_from_the_raw_losses_whatever_the_points_came_with()
    {
        var rates = Rates(30);
        var points = rates.Select((lr, i) => new LrCurvePoint(i, lr, 3 - (0.1 * i), 3, LagFreeLoss: 123));
        var curve = new LrCurve(points, 30);
        Assert.That(curve.Points.Select(p => p.LagFreeLoss), Is.EqualTo(curve.Points.Select(p => p.Loss)).Within(1e-9));
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    public void A_bandwidth_that_is_not_positive_is_rejected_naming_it(double bandwidth)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LrCurve([], 10, bandwidth));
        Assert.That(error!.ParamName, Is.EqualTo("lagFreeBandwidthDecades"));
    }
}
