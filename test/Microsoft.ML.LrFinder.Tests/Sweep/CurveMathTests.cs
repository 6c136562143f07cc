namespace Microsoft.ML.LrFinder.Tests.Sweep;

/// <summary>The numeric helpers every suggestion rule stands on, with numpy's conventions (the rules come from numpy code).</summary>
public class CurveMathTests
{
    [Test]
    public void Argmin_and_argmax_give_ties_to_the_first_and_respect_the_range()
    {
        double[] values = [3, 1, 4, 1, 5, 9, 2, 9];
        Assert.That(CurveMath.ArgMin(values), Is.EqualTo(1));           // numpy.argmin([3,1,4,1,5,9,2,9]) = 1
        Assert.That(CurveMath.ArgMin(values, 2), Is.EqualTo(3));
        Assert.That(CurveMath.ArgMin(values, 4, 7), Is.EqualTo(6));
        Assert.That(CurveMath.ArgMin(values, 0, 1), Is.EqualTo(0), "the range ends before the 1 at index 1");
        Assert.That(CurveMath.ArgMin(values, 0, 0), Is.EqualTo(0), "an empty range gives its start");
        Assert.That(CurveMath.ArgMax(values, 0, values.Length), Is.EqualTo(5)); // numpy.argmax = 5
        Assert.That(CurveMath.ArgMax(values, 0, 5), Is.EqualTo(4));
        Assert.That(CurveMath.ArgMax(values, 3, 4), Is.EqualTo(3));
    }

    [Test]
    public void Gradient_is_numpys_with_one_sided_ends()
    {
        // numpy.gradient([1, 4, 9, 16, 25]) = [3, 4, 6, 8, 9].
        Assert.That(CurveMath.Gradient([1, 4, 9, 16, 25]), Is.EqualTo(new[] { 3.0, 4, 6, 8, 9 }));
        Assert.That(CurveMath.Gradient([2, 5]), Is.EqualTo(new[] { 3.0, 3 }));
    }

    [Test]
    public void The_running_median_removes_a_spike_and_keeps_the_ends()
    {
        // Half-width 1: windows [1], [1,2,9], [2,9,4], [9,4,5], [5] → medians 1, 2, 4, 5, 5.
        Assert.That(CurveMath.RunningMedian([1, 2, 9, 4, 5], 1), Is.EqualTo(new[] { 1.0, 2, 4, 5, 5 }));
        // Half-width 2 shrinks symmetrically: [1], [1,2,9], [1,2,9,4,5], [9,4,5], [5] → 1, 2, 4, 5, 5; on 7 values the middle
        // point gets the full window [2,9,4,5,3] → 4.
        Assert.That(CurveMath.RunningMedian([1, 2, 9, 4, 5], 2), Is.EqualTo(new[] { 1.0, 2, 4, 5, 5 }));
        Assert.That(CurveMath.RunningMedian([1, 2, 9, 4, 5, 3, 0], 2)[3], Is.EqualTo(4));
    }

    [Test]
    public void The_running_mean_shrinks_its_window_symmetrically_at_the_ends()
    {
        // Half-width 1: [0], mean(0,3,6) = 3, mean(3,6,12) = 7, [12].
        Assert.That(CurveMath.RunningMean([0, 3, 6, 12], 1), Is.EqualTo(new[] { 0.0, 3, 7, 12 }));
    }
}
