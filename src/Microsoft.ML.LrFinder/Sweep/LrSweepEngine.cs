using System.Diagnostics;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// The sweep engine: the state machine behind the public <c>LrSweep</c> (Analysis/), which a training loop pushes losses into.
/// It reads only its <see cref="LrSweepSettings"/>: the schedule gives each iteration's learning rate, each loss is smoothed
/// with the debiased moving average, and the stop rules end the sweep. Validation, progress and cancellation semantics are
/// those <c>LrSweep</c> documents.
/// </summary>
internal sealed class LrSweepEngine
{
    private readonly List<LrCurvePoint> points = [];
    private readonly DebiasedMovingAverage smoothing;
    private readonly IProgress<LrFinderProgress>? progress;
    private readonly CancellationToken cancellationToken;
    private readonly Stopwatch stopwatch;
    private double bestSmoothedLoss = double.PositiveInfinity;
    private TimeSpan elapsedAtStop;

    public LrSweepEngine(LrSweepSettings settings, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken)
    {
        Settings = settings;
        smoothing = new DebiasedMovingAverage(Settings.SmoothingBeta);
        this.progress = progress;
        this.cancellationToken = cancellationToken;
        stopwatch = Stopwatch.StartNew();
        Points = points.AsReadOnly();
    }

    /// <summary>The settings of this sweep.</summary>
    public LrSweepSettings Settings { get; }

    /// <summary>The points recorded so far, in iteration order.</summary>
    public IReadOnlyList<LrCurvePoint> Points { get; }

    /// <summary>Why the sweep stopped; null while it is running.</summary>
    public LrFinderStopReason? StopReason { get; private set; }

    /// <summary>Whether the sweep has stopped: no further loss can be recorded.</summary>
    public bool IsStopped => StopReason.HasValue;

    /// <summary>The learning rate of the next step; throws once the sweep has stopped.</summary>
    public double NextLearningRate =>
        IsStopped ? throw new InvalidOperationException("The sweep has stopped.") : LearningRateAt(points.Count);

    /// <summary>The learning rate the schedule gives an iteration in [0, NumberOfIterations).</summary>
    public double LearningRateAt(int iteration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(iteration, Settings.NumberOfIterations);
        return LrScheduleRate.At(Settings.Schedule, Settings.StartLearningRate, Settings.EndLearningRate, Settings.NumberOfIterations, iteration);
    }

    /// <summary>The learning rate of the next step, or false once the sweep has stopped (or is stopped now by cancellation).</summary>
    public bool TryGetNextLearningRate(out double learningRate)
    {
        if (!IsStopped && cancellationToken.IsCancellationRequested)
        {
            Stop(LrFinderStopReason.Cancelled);
        }

        learningRate = IsStopped ? 0 : LearningRateAt(points.Count);
        return !IsStopped;
    }

    /// <summary>Records a step's loss, smooths it, reports progress and applies the stop rules; false once stopped.</summary>
    public bool Record(double loss)
    {
        if (IsStopped)
        {
            throw new InvalidOperationException("The sweep has stopped; no more losses can be recorded.");
        }

        int iteration = points.Count;
        double learningRate = LearningRateAt(iteration);
        double smoothedLoss = smoothing.Add(loss);
        points.Add(new LrCurvePoint(iteration, learningRate, loss, smoothedLoss));
        progress?.Report(new LrFinderProgress(iteration, Settings.NumberOfIterations, learningRate, loss, smoothedLoss, stopwatch.Elapsed));

        if (!double.IsFinite(loss) || !double.IsFinite(smoothedLoss))
        {
            Stop(LrFinderStopReason.NonFiniteLoss);
            return false;
        }

        bestSmoothedLoss = Math.Min(bestSmoothedLoss, smoothedLoss);
        if (Settings.StopOnDivergence && HasDiverged(smoothedLoss, bestSmoothedLoss, Settings.DivergenceThreshold))
        {
            Stop(LrFinderStopReason.Diverged);
        }
        else if (points.Count >= Settings.NumberOfIterations)
        {
            Stop(LrFinderStopReason.Completed);
        }
        else if (cancellationToken.IsCancellationRequested)
        {
            Stop(LrFinderStopReason.Cancelled);
        }

        return !IsStopped;
    }

    /// <summary>The wall time from the start to the stop; zero while the sweep runs.</summary>
    public TimeSpan Elapsed => elapsedAtStop;

    /// <summary>The recorded curve. Called on a sweep that has not stopped, it ends it with <see cref="LrFinderStopReason.EndOfData"/>.</summary>
    public LrCurve Finish()
    {
        if (!IsStopped)
        {
            Stop(LrFinderStopReason.EndOfData);
        }

        return new LrCurve(points, Settings.NumberOfIterations, Settings.LagFreeBandwidthDecades);
    }

    /// <summary>
    /// fastai's rule is <c>smoothed &gt; threshold·best</c>, which for a negative best (log-likelihoods, some custom losses)
    /// fires at once. Measuring the rise above the best in units of |best| gives the same rule for positive losses and a
    /// sensible one for negative losses: with threshold 4, from −1 the sweep stops above 2.
    /// </summary>
    internal static bool HasDiverged(double smoothedLoss, double bestSmoothedLoss, double threshold) =>
        smoothedLoss - bestSmoothedLoss > (threshold - 1) * Math.Abs(bestSmoothedLoss);

    private void Stop(LrFinderStopReason reason)
    {
        StopReason = reason;
        elapsedAtStop = stopwatch.Elapsed;
        stopwatch.Stop();
    }
}
