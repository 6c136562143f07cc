namespace Microsoft.ML.LrFinder.Tests.Suggestions;

/// <summary>Hand-made curves whose suggestion window is exactly the given smoothed losses.</summary>
internal static class TestCurves
{
    /// <summary>Learning rates ten points per decade from 1e-4, so ln(LR) grows by ln(10)/10 ≈ 0.2303 per point.</summary>
    public static double LearningRate(int i) => 1e-4 * Math.Pow(10, i / 10.0);

    /// <summary>
    /// A curve whose window is <paramref name="windowLosses"/>: requested iterations 0 skip nothing at the start, and five
    /// padding points are appended for the window to drop at the end.
    /// </summary>
    public static LrCurve Window(params double[] windowLosses) =>
        Window(windowLosses, Enumerable.Range(0, windowLosses.Length + LrFinderDefaults.SkipEnd).Select(LearningRate).ToArray());

    public static LrCurve Window(double[] windowLosses, double[] learningRates)
    {
        var losses = windowLosses.Concat(Enumerable.Repeat(100.0, learningRates.Length - windowLosses.Length)).ToArray();
        return new LrCurve(losses.Select((loss, i) => new LrCurvePoint(i, learningRates[i], loss, loss)), requestedIterations: 0);
    }
}
