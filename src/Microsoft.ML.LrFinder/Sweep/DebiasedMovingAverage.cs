namespace Microsoft.ML.LrFinder;

/// <summary>
/// The exponential moving average of the loss with bias correction, as fastai's <c>AvgSmoothLoss</c> computes it:
/// <c>avg ← β·avg + (1−β)·loss</c>, reported as <c>avg / (1−β^k)</c> after k values.
/// </summary>
/// <remarks>
/// Without the correction the average starts near 0 (it is initialised at 0) and the first points of the curve would
/// sit far below the real loss. A non-finite value makes every later average non-finite, which is why a sweep stops at once.
/// </remarks>
internal sealed class DebiasedMovingAverage
{
    private readonly double beta;
    private double average;
    private int count;

    public DebiasedMovingAverage(double beta)
    {
        this.beta = beta;
    }

    /// <summary>Adds a value and returns the debiased average including it.</summary>
    public double Add(double value)
    {
        count++;
        average = (beta * average) + ((1 - beta) * value);
        return average / (1 - Math.Pow(beta, count));
    }
}
