namespace Microsoft.ML.LrFinder;

/// <summary>
/// The learning rate of each step of a probe, for the way the real fit uses its rate (<see cref="LrTrainingSchedule"/>): a
/// constant rate as it is; a one-cycle peak as a whole one-cycle compressed into the probe's steps, in the shape of fastai's
/// <c>fit_one_cycle</c> (cosine warm-up from peak ÷ 25 over the first quarter, cosine annealing to peak ÷ 100,000), so that a
/// probe ends annealed as the real fit does. The ML.NET trainers' probes run their own one-cycle fit.
/// </summary>
/// <remarks>
/// Why: a one-cycle peak held constant for a probe trains far harder than the cycle does; in the tuning benchmark, probes
/// that compressed the cycle chose better one-cycle peaks than constant-rate probes (docs/tuning.md).
/// </remarks>
internal static class LrProbeSchedule
{
    /// <summary>The one-cycle's warm-up share of the steps: a quarter (fastai's <c>pct_start</c>).</summary>
    public const double WarmUpFraction = 0.25;

    /// <summary>The one-cycle starts at its peak divided by this: 25 (fastai's <c>div</c>).</summary>
    public const double StartDivisor = 25;

    /// <summary>The one-cycle ends at its peak divided by this: 100,000 (fastai's <c>div_final</c>).</summary>
    public const double FinalDivisor = 1e5;

    /// <summary>The rate of step <paramref name="step"/> (from 0) of a <paramref name="steps"/>-step probe at <paramref name="learningRate"/>.</summary>
    public static double LearningRateAt(LrTrainingSchedule schedule, double learningRate, int step, int steps)
    {
        if (schedule != LrTrainingSchedule.OneCycle || steps <= 1)
        {
            return learningRate;
        }

        double position = (double)step / (steps - 1);
        return position < WarmUpFraction
            ? Cosine(learningRate / StartDivisor, learningRate, position / WarmUpFraction)
            : Cosine(learningRate, learningRate / FinalDivisor, (position - WarmUpFraction) / (1 - WarmUpFraction));
    }

    private static double Cosine(double from, double to, double fraction) =>
        to + ((from - to) * (1 + Math.Cos(Math.PI * Math.Clamp(fraction, 0, 1))) / 2);
}
