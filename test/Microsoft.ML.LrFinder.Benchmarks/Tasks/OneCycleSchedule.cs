namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// The training budget's learning-rate schedule: Smith's one-cycle policy in the shape fastai's <c>fit_one_cycle</c> uses
/// (cosine warm-up from max/25 to max over the first 25% of the steps, then cosine annealing to max/100,000). ML.NET's NasBert
/// trainers also run a one-cycle schedule whose peak is their <c>LearningRate</c>, so "the learning rate" a finder suggests means
/// the same thing in every task: the peak of the cycle.
/// </summary>
internal static class OneCycleSchedule
{
    public const double WarmUpFraction = 0.25;
    public const double StartDivisor = 25;
    public const double FinalDivisor = 1e5;

    /// <summary>The learning rate of step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public static double LearningRateAt(double maxLearningRate, int step, int totalSteps)
    {
        if (totalSteps <= 1)
        {
            return maxLearningRate;
        }

        double position = (double)step / (totalSteps - 1);
        return position < WarmUpFraction
            ? Cosine(maxLearningRate / StartDivisor, maxLearningRate, position / WarmUpFraction)
            : Cosine(maxLearningRate, maxLearningRate / FinalDivisor, (position - WarmUpFraction) / (1 - WarmUpFraction));
    }

    private static double Cosine(double from, double to, double fraction) =>
        to + ((from - to) * (1 + Math.Cos(Math.PI * Math.Clamp(fraction, 0, 1))) / 2);
}
