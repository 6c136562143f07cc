namespace Microsoft.ML.LrFinder;

/// <summary>
/// Smith's one-cycle policy in the shape of fastai's <c>fit_one_cycle</c>: a cosine warm-up from peak ÷ 25 to the peak over the
/// first quarter of the steps, then cosine annealing to peak ÷ 100,000. A tuning probe for a one-cycle fit runs this cycle,
/// compressed into the probe's steps, with the candidate as its peak.
/// </summary>
public static class LrOneCycleSchedule
{
    /// <summary>The share of the steps spent warming up to the peak: 0.25.</summary>
    public const double WarmUpFraction = 0.25;

    /// <summary>The first step's rate is the peak divided by this: 25.</summary>
    public const double StartDivisor = 25;

    /// <summary>The last step's rate is the peak divided by this: 100,000.</summary>
    public const double FinalDivisor = 1e5;

    /// <summary>The learning rate of step <paramref name="step"/> (0-based) of a cycle of <paramref name="totalSteps"/> with peak <paramref name="peakLearningRate"/>.</summary>
    /// <param name="peakLearningRate">The cycle's highest rate.</param>
    /// <param name="step">The step, from 0 to <paramref name="totalSteps"/> − 1; steps outside are clamped to the cycle's ends.</param>
    /// <param name="totalSteps">The cycle's length in steps; a cycle of one step runs at the peak.</param>
    /// <returns>The rate of that step.</returns>
    public static double LearningRateAt(double peakLearningRate, int step, int totalSteps)
    {
        if (totalSteps <= 1)
        {
            return peakLearningRate;
        }

        double position = (double)step / (totalSteps - 1);
        return position < WarmUpFraction
            ? Cosine(peakLearningRate / StartDivisor, peakLearningRate, position / WarmUpFraction)
            : Cosine(peakLearningRate, peakLearningRate / FinalDivisor, (position - WarmUpFraction) / (1 - WarmUpFraction));
    }

    /// <summary>The learning rate of step <paramref name="step"/> of <paramref name="totalSteps"/> at rate <paramref name="learningRate"/> under <paramref name="schedule"/>.</summary>
    /// <param name="schedule">Constant: <paramref name="learningRate"/> at every step; one-cycle: the cycle with it as the peak.</param>
    /// <param name="learningRate">The constant rate or the cycle's peak.</param>
    /// <param name="step">The step, 0-based.</param>
    /// <param name="totalSteps">The number of steps.</param>
    /// <returns>The rate of that step.</returns>
    public static double LearningRateAt(LrTrainingSchedule schedule, double learningRate, int step, int totalSteps) =>
        schedule == LrTrainingSchedule.OneCycle ? LearningRateAt(learningRate, step, totalSteps) : learningRate;

    private static double Cosine(double from, double to, double fraction) =>
        to + ((from - to) * (1 + Math.Cos(Math.PI * Math.Clamp(fraction, 0, 1))) / 2);
}
