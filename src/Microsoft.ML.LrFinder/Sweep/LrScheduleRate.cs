namespace Microsoft.ML.LrFinder;

/// <summary>The learning rate an <see cref="LrSchedule"/> gives each sweep iteration.</summary>
internal static class LrScheduleRate
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
        double learningRate;
        if (schedule == LrSchedule.Linear)
        {
            learningRate = start + ((end - start) * fraction);
        }
        else
        {
            // A range wider than ~308 decades (for example 1e-320 to 1) overflows end/start to infinity; logarithms do not.
            double ratio = end / start;
            learningRate = double.IsFinite(ratio)
                ? start * Math.Pow(ratio, fraction)
                : Math.Exp(Math.Log(start) + ((Math.Log(end) - Math.Log(start)) * fraction));
        }

        // Rounding can step one ulp past an end (past double.MaxValue that is infinity); the range is a promise.
        return Math.Clamp(learningRate, start, end);
    }
}
