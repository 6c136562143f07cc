namespace Microsoft.ML.LrFinder.Tests.Sweep;

/// <summary>
/// The suggestion window every rule reads (fastai's: skip the first num_it // 10 points and the last 5), cut at the first
/// point no rule can read; and the divergence rule at its boundary.
/// </summary>
public class LrCurveWindowTests
{
    private static LrCurvePoint Point(int i, double learningRate, double loss) => new(i, learningRate, loss, loss);

    private static LrCurvePoint[] Falling(int count) =>
        Enumerable.Range(0, count).Select(i => Point(i, 1e-4 * Math.Pow(10, i / 10.0), 10.0 - (0.1 * i))).ToArray();

    [Test]
    public void The_window_skips_a_tenth_of_the_requested_iterations_and_the_last_five_points()
    {
        // 39 requested: 39 / 10 = 3 skipped at the start (integer division); 30 recorded, 5 dropped at the end.
        var curve = new LrCurve(Falling(30), requestedIterations: 39);
        Assert.That((curve.WindowStart, curve.WindowEnd, curve.WindowLength), Is.EqualTo((3, 25, 22)));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(0.0)]
    [TestCase(-1e-3)]
    public void The_window_ends_at_the_first_learning_rate_no_log_axis_can_show(double learningRate)
    {
        var points = Falling(30);
        points[12] = points[12] with { LearningRate = learningRate };
        var curve = new LrCurve(points, requestedIterations: 30);
        Assert.That((curve.WindowStart, curve.WindowEnd), Is.EqualTo((3, 12)));
    }

    [Test]
    public void The_window_ends_at_the_first_non_finite_smoothed_loss()
    {
        var points = Falling(30);
        points[7] = points[7] with { SmoothedLoss = double.NaN };
        var curve = new LrCurve(points, requestedIterations: 30);
        Assert.That((curve.WindowStart, curve.WindowEnd, curve.WindowLength), Is.EqualTo((3, 7, 4)));
    }

    [Test]
    public void A_curve_shorter_than_what_is_skipped_has_an_empty_window_not_a_negative_one()
    {
        var curve = new LrCurve(Falling(6), requestedIterations: 100);
        Assert.That((curve.WindowStart, curve.WindowEnd, curve.WindowLength), Is.EqualTo((10, 10, 0)));
    }

    // With threshold 4 the sweep stops once the smoothed loss is more than 3·|best| above the best: from best 1, above 4;
    // from best −1, above 2. Exactly at the boundary it goes on.
    [TestCase(4.0, 1.0, false)]
    [TestCase(4.000001, 1.0, true)]
    [TestCase(2.0, -1.0, false)]
    [TestCase(2.000001, -1.0, true)]
    [TestCase(0.0, 0.0, false)]
    public void Divergence_is_more_than_threshold_minus_one_times_the_best_above_it(double smoothed, double best, bool diverged) =>
        Assert.That(LrSweepEngine.HasDiverged(smoothed, best, 4), Is.EqualTo(diverged));
}
