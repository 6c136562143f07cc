namespace Microsoft.ML.LrFinder;

/// <summary>
/// The default value of every <see cref="LrFinderOptions"/> setting, in one place.
/// They are fastai's <c>lr_find</c> defaults (fastai <c>callback/schedule.py</c>).
/// </summary>
public static class LrFinderDefaults
{
    /// <summary>The first learning rate of the sweep: 1e-7.</summary>
    public const double StartLearningRate = 1e-7;

    /// <summary>The last learning rate of the sweep: 10.</summary>
    public const double EndLearningRate = 10;

    /// <summary>The number of training steps in the sweep: 100.</summary>
    public const int NumberOfIterations = 100;

    /// <summary>The schedule between the first and last learning rate: exponential.</summary>
    public const LrSchedule Schedule = LrSchedule.Exponential;

    /// <summary>The decay of the loss's exponential moving average: 0.98.</summary>
    public const double SmoothingBeta = 0.98;

    /// <summary>The sweep stops when the smoothed loss exceeds this multiple of the best smoothed loss: 4.</summary>
    public const double DivergenceThreshold = 4;

    /// <summary>Whether the sweep stops when the loss diverges: true.</summary>
    public const bool StopOnDivergence = true;

    /// <summary>
    /// The bandwidth of the lag-free curve our own rules read (the standard deviation of its Gaussian weights), in decades of
    /// learning rate: 0.25. Chosen with the regret benchmark (docs/benchmarks.md, "Bandwidth").
    /// </summary>
    public const double LagFreeBandwidthDecades = 0.25;

    /// <summary>The suggestion window skips the first <c>NumberOfIterations / SkipStartDivisor</c> points: 10.</summary>
    public const int SkipStartDivisor = 10;

    /// <summary>The suggestion window skips this many points at the end of the curve: 5.</summary>
    public const int SkipEnd = 5;
}
