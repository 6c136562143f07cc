namespace Microsoft.ML.LrFinder.Tests.Sweep;

/// <summary>The schedule's learning rates at the edges of what the options allow: the range is a promise to the trainer.</summary>
public class LrScheduleRateTests
{
    [Test]
    public void A_range_wider_than_a_double_can_divide_still_gives_the_geometric_schedule()
    {
        // 1e-200 to 1e200: end/start = 1e400 overflows to ∞, so the rate comes from logarithms. With N = 5 the points are a
        // quarter of the 400 decades apart: 1e-200, 1e-100, 1, 1e100, 1e200 (exact up to the rounding of exp and log).
        double[] expected = [1e-200, 1e-100, 1, 1e100, 1e200];
        var rates = Enumerable.Range(0, 5).Select(i => LrScheduleRate.At(LrSchedule.Exponential, 1e-200, 1e200, 5, i)).ToArray();
        Assert.That(rates, Is.EqualTo(expected).Within(1e-9).Percent);
    }

    [Test]
    public void Every_rate_lies_within_the_range_even_where_rounding_would_step_past_it()
    {
        // start·ratio^f and start + (end−start)·f can land one ulp outside [start, end]; the rate never does.
        foreach (var schedule in new[] { LrSchedule.Exponential, LrSchedule.Linear })
        {
            foreach (var (start, end) in new[] { (1e-7, 10.0), (0.1, 0.30000000000000004), (1e-300, double.MaxValue) })
            {
                for (int i = 0; i < 997; i++)
                {
                    double rate = LrScheduleRate.At(schedule, start, end, 997, i);
                    Assert.That(rate, Is.InRange(start, end), $"{schedule} {start} → {end}, iteration {i}");
                }
            }
        }
    }

    [Test]
    public void The_first_and_last_iterations_are_the_ends_exactly_and_indices_outside_clamp_to_them()
    {
        // 3e-7 → 0.7 is a range where start·(end/start)^1 is not exactly end in floating point.
        Assert.That(LrScheduleRate.At(LrSchedule.Exponential, 3e-7, 0.7, 7, 0), Is.EqualTo(3e-7));
        Assert.That(LrScheduleRate.At(LrSchedule.Exponential, 3e-7, 0.7, 7, 6), Is.EqualTo(0.7));
        Assert.That(LrScheduleRate.At(LrSchedule.Exponential, 3e-7, 0.7, 7, -1), Is.EqualTo(3e-7));
        Assert.That(LrScheduleRate.At(LrSchedule.Exponential, 3e-7, 0.7, 7, 7), Is.EqualTo(0.7));
    }

    [Test]
    public void The_last_iteration_is_the_end_exactly_where_the_formula_falls_short_of_it()
    {
        // 1e-7 · (0.9 / 1e-7) is 0.8999999999999999 in floating point, and 0.6056… + (1.8170… − 0.6056…) falls one ulp short of
        // 1.8170…: the clamp cannot lift them, so the last iteration must return the end itself.
        double start = 1e-7, end = 0.9;
        Assert.That(start * (end / start), Is.LessThan(end));
        Assert.That(LrScheduleRate.At(LrSchedule.Exponential, 1e-7, 0.9, 7, 6), Is.EqualTo(0.9));
        Assert.That(LrScheduleRate.At(LrSchedule.Linear, 0.6056486400340165, 1.8170396683778869, 7, 6), Is.EqualTo(1.8170396683778869));
    }

    [Test]
    public void The_geometric_middle_of_an_ordinary_range_is_exact()
    {
        // 1e-7 → 10 over 3 iterations: the middle is 1e-3, which start · ratio^½ gives exactly (logarithms give 1.0000000000000002e-3).
        Assert.That(LrScheduleRate.At(LrSchedule.Exponential, 1e-7, 10, 3, 1), Is.EqualTo(1e-3));
    }
}
