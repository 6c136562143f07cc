namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// The learning rate of each step of a probe: a constant rate as given; a one-cycle peak as a whole cycle compressed into the
/// probe. The shape's constants are fastai's <c>fit_one_cycle</c> defaults (fastai/callback/schedule.py: <c>div=25.</c>,
/// <c>div_final=1e5</c>, <c>pct_start=0.25</c>, cosine in both phases).
/// </summary>
public class LrProbeScheduleTests
{
    private const double Peak = 1e-3;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(40)]
    public void A_constant_rate_is_the_same_at_every_step(int steps)
    {
        var rates = Enumerable.Range(0, steps).Select(step => LrProbeSchedule.LearningRateAt(LrTrainingSchedule.Constant, Peak, step, steps));
        Assert.That(rates, Is.All.EqualTo(Peak));
    }

    [Test]
    public void A_one_cycle_probe_warms_up_from_a_25th_to_the_peak_over_a_quarter_then_anneals_to_a_100000th()
    {
        // 41 steps: step 10 is exactly a quarter of the way (10 / 40), the peak; step 5 is half-way up the cosine warm-up.
        double At(int step) => LrProbeSchedule.LearningRateAt(LrTrainingSchedule.OneCycle, Peak, step, 41);

        Assert.That(At(0), Is.EqualTo(Peak / 25).Within(1e-12).Percent);
        Assert.That(At(5), Is.EqualTo((Peak + (Peak / 25)) / 2).Within(1e-9).Percent);
        Assert.That(At(10), Is.EqualTo(Peak).Within(1e-12).Percent);
        Assert.That(At(25), Is.EqualTo((Peak + (Peak / 1e5)) / 2).Within(1e-9).Percent);
        Assert.That(At(40), Is.EqualTo(Peak / 1e5).Within(1e-9).Percent);
        Assert.That(Enumerable.Range(0, 41).Select(At), Is.All.InRange(Peak / 1e5 * (1 - 1e-12), Peak * (1 + 1e-12)));
    }

    [Test]
    public void A_one_step_one_cycle_probe_trains_at_the_peak()
    {
        // A cycle needs two steps; one step cannot warm up or anneal, so it trains at the rate the probe is scoring.
        Assert.That(LrProbeSchedule.LearningRateAt(LrTrainingSchedule.OneCycle, Peak, 0, 1), Is.EqualTo(Peak));
    }
}
