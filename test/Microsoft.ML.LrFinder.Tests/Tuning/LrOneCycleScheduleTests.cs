namespace Microsoft.ML.LrFinder.Tests.Tuning;

public class LrOneCycleScheduleTests
{
    [Test]
    public void The_cycle_warms_up_to_its_peak_at_a_quarter_and_anneals_to_a_hundred_thousandth()
    {
        const int Steps = 101;
        var rates = Enumerable.Range(0, Steps).Select(step => LrOneCycleSchedule.LearningRateAt(0.1, step, Steps)).ToArray();

        Assert.That(rates[0], Is.EqualTo(0.1 / 25).Within(1e-12));
        Assert.That(rates[25], Is.EqualTo(0.1).Within(1e-12));
        Assert.That(rates.Max(), Is.EqualTo(0.1).Within(1e-12));
        Assert.That(rates[^1], Is.EqualTo(0.1 / 1e5).Within(1e-15));
        Assert.That(rates.Take(26), Is.Ordered);
        Assert.That(rates.Skip(25), Is.Ordered.Descending);
    }

    [Test]
    public void A_constant_schedule_keeps_the_rate_and_a_one_step_cycle_runs_at_its_peak()
    {
        Assert.That(LrOneCycleSchedule.LearningRateAt(LrTrainingSchedule.Constant, 0.3, 0, 10), Is.EqualTo(0.3));
        Assert.That(LrOneCycleSchedule.LearningRateAt(LrTrainingSchedule.Constant, 0.3, 9, 10), Is.EqualTo(0.3));
        Assert.That(LrOneCycleSchedule.LearningRateAt(LrTrainingSchedule.OneCycle, 0.3, 0, 1), Is.EqualTo(0.3));
        Assert.That(LrOneCycleSchedule.LearningRateAt(LrTrainingSchedule.OneCycle, 0.3, 0, 10), Is.EqualTo(0.3 / 25).Within(1e-12));
    }
}
