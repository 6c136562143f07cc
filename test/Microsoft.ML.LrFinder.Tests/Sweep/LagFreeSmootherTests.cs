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

    [Test]
    public void A_fall_to_the_minimum_and_a_rise_that_stays_below_the_start_are_all_smoothed()
    {
        // The divergent tail starts only where the loss rises above the starting plateau (3): the rise to 2.5 after the
        // minimum is part of the curve.
        var rates = Rates(40);
        var losses = Enumerable.Range(0, 40).Select(i => i < 20 ? 3 - (0.1 * i) : 1 + (0.075 * (i - 20))).ToArray();
        var smoothed = LagFreeSmoother.Smooth(rates, losses, Bandwidth);
        Assert.That(smoothed, Has.All.Not.NaN);
    }

    [Test]
    public void Points_from_a_learning_rate_of_zero_on_are_NaN()
    {
        // log10(0) has no place on the curve: the points before it are smoothed, the rest are not.
        var rates = Rates(30);
        rates[12] = 0;
        var losses = rates.Select((_, i) => 3 - (0.05 * i)).ToArray();
        var smoothed = LagFreeSmoother.Smooth(rates, losses, Bandwidth);
        Assert.That(smoothed.Take(12), Has.All.Not.NaN);
        Assert.That(smoothed.Skip(12), Has.All.NaN);
    }

    [Test]
    public void Only_as_many_points_as_both_lists_hold_are_smoothed()
    {
        var smoothed = LagFreeSmoother.Smooth(Rates(30).Take(20).ToArray(), Enumerable.Repeat(1.0, 30).ToArray(), Bandwidth);
        Assert.That(smoothed.Take(20), Is.All.EqualTo(1.0).Within(1e-12));
        Assert.That(smoothed.Skip(20), Has.All.NaN);
    }

    [Test]
    public void A_loss_more_than_three_bandwidths_away_does_not_move_a_point()
    {
        // 41 points a tenth of a decade apart; the bandwidth is a quarter decade, so a point's neighbours reach 0.75 decade.
        // Lowering the last three losses (still falling, so no divergent tail) changes the median-filtered losses from point
        // 37 on; every point 0.9 decade or more before that (0 to 28) keeps its value exactly.
        var rates = Enumerable.Range(0, 41).Select(i => 1e-5 * Math.Pow(10, i / 10.0)).ToArray();
        var losses = Enumerable.Range(0, 41).Select(i => 5 - (0.1 * i)).ToArray();
        var lowered = losses.Select((loss, i) => i >= 38 ? loss - 0.5 : loss).ToArray();

        var before = LagFreeSmoother.Smooth(rates, losses, Bandwidth);
        var after = LagFreeSmoother.Smooth(rates, lowered, Bandwidth);
        Assert.That(after.Take(29), Is.EqualTo(before.Take(29)));
        Assert.That(after[40], Is.Not.EqualTo(before[40]));
    }

    [Test]
    public void Points_all_at_one_learning_rate_are_averaged()
    {
        // No slope can be fitted through one learning rate: each point's value is the weighted mean of its neighbours, here
        // the median-filtered losses 3, 2, 1 (the ends keep their own value).
        var smoothed = LagFreeSmoother.Smooth([1e-3, 1e-3, 1e-3], [3.0, 2.0, 1.0], Bandwidth);
        Assert.That(smoothed, Is.All.EqualTo(2.0).Within(1e-12));
    }

    [Test]
    public void A_curve_needs_its_points_and_a_count_of_at_least_zero()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => _ = new LrCurve(null!, 10))!.ParamName, Is.EqualTo("points"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LrCurve([], -1))!.ParamName, Is.EqualTo("requestedIterations"));
        Assert.That(
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LrCurve([], 10, 0))!.Message,
            Does.StartWith("must be finite and greater than 0."));
    }

    [Test]
    public void A_rise_after_the_minimum_back_to_the_highest_level_before_it_is_not_a_divergent_tail()
    {
        // Median-filtered (half-width 1), these losses are 2, 2, 2, 3, 1, 3, 3: the highest point before the minimum (3, just
        // before it) is the plateau, and the rise after the minimum only returns to it, never above.
        var smoothed = LagFreeSmoother.Smooth(Rates(7), [2.0, 2.0, 3.0, 1.0, 3.0, 1.0, 3.0], Bandwidth);
        Assert.That(smoothed, Has.All.Not.NaN);
    }

    [Test]
    public void A_point_exactly_three_bandwidths_away_still_counts()
    {
        // Bandwidth one decade; rates 1e-4, 1e-3 and 1e-1 are 0, 1 and 3 bandwidths from the first point, with Gaussian
        // weights 1, e^-0.5 and e^-4.5. The first point's value is the intercept of the weighted least-squares line through
        // all three (dx = 0, 1, 3; losses 3, 2, 1.5, which the median filter keeps); without the third it would be 3 exactly.
        double[] w = [1, Math.Exp(-0.5), Math.Exp(-4.5)];
        double[] dx = [0, 1, 3];
        double[] y = [3, 2, 1.5];
        double sw = w.Sum(), swx = w.Zip(dx, (a, b) => a * b).Sum(), swxx = w.Zip(dx, (a, b) => a * b * b).Sum();
        double swy = w.Zip(y, (a, b) => a * b).Sum(), swxy = Enumerable.Range(0, 3).Sum(i => w[i] * dx[i] * y[i]);
        double intercept = ((swxx * swy) - (swx * swxy)) / ((sw * swxx) - (swx * swx));

        var smoothed = LagFreeSmoother.Smooth([1e-4, 1e-3, 1e-1], y, bandwidthDecades: 1);
        Assert.That(smoothed[0], Is.EqualTo(intercept).Within(1e-12));
        Assert.That(smoothed[0], Is.Not.EqualTo(3.0).Within(1e-3));
    }

    [TestCase(3.65e-7, new[] { 3.0, 2.0, 1.0 })]
    [TestCase(2.74e-7, new[] { 2.0, 2.0, 2.0 })]
    public void Rates_closer_than_about_a_three_millionth_of_a_decade_count_as_one_rate(double spacingDecades, double[] expected)
    {
        // Three points spacingDecades apart, losses 3, 2, 1 on a line. The fitted line is used while its determinant
        // (sumW·sumWxx − sumWx², about 6·spacing² here) exceeds 1e-12 · sumW² · bandwidth², about 5.6e-13: at 3.65e-7 decades
        // (8e-13) the line gives the losses back; at 2.74e-7 (4.5e-13) the rates count as one and every point gets the mean.
        double[] rates = [1e-3 * Math.Pow(10, -spacingDecades), 1e-3, 1e-3 * Math.Pow(10, spacingDecades)];
        var smoothed = LagFreeSmoother.Smooth(rates, [3.0, 2.0, 1.0], Bandwidth);
        Assert.That(smoothed, Is.EqualTo(expected).Within(1e-6));
    }
}
