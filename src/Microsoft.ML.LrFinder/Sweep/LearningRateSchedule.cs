namespace Microsoft.ML.LrFinder;

/// <summary>The learning rate of each sweep iteration.</summary>
internal static class LearningRateSchedule
{
    /// <summary>
    /// The learning rate of iteration <paramref name="iteration"/> of <paramref name="count"/>: <c>start·(end/start)^(i/(N−1))</c>
    /// or <c>start + (end−start)·i/(N−1)</c>. The first and last iterations return <paramref name="start"/> and
    /// <paramref name="end"/> exactly, which the formulas only promise up to rounding.
    /// </summary>
    public static double At(LrSchedule schedule, double start, double end, int count, int iteration)
    {
        if (iteration <= 0)
        {
            return start;
        }

        if (iteration >= count - 1)
        {
            return end;
        }

        double fraction = (double)iteration / (count - 1);
        return schedule == LrSchedule.Linear
            ? start + ((end - start) * fraction)
            : start * Math.Pow(end / start, fraction);
    }
}
