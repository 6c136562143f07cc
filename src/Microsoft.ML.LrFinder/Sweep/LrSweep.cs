using System.Diagnostics;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// One learning-rate sweep as a state machine that a training loop pushes losses into: ask it for the learning rate of
/// the next step, train one step with it, <see cref="Record"/> the step's loss, and stop when it says so.
/// </summary>
/// <remarks>
/// <para>
/// Use it when you own the training loop (or hook someone else's); <see cref="LrSweepRunner"/> wraps it for targets that can
/// be stepped on demand. The sweep only computes: saving and restoring the model is the caller's job.
/// </para>
/// <para>
/// Each recorded loss is smoothed with a debiased exponential moving average (<see cref="LrFinderOptions.SmoothingBeta"/>).
/// The sweep stops after the step that (in this order) returned a non-finite loss, made the smoothed loss diverge, was the
/// last of the range, or was followed by a cancellation request.
/// </para>
/// <code>
/// var sweep = new LrSweep(options);
/// while (sweep.TryGetNextLearningRate(out double lr))
/// {
///     sweep.Record(TrainOneStep(lr));
/// }
/// LrFinderResult result = sweep.BuildResult();   // or LrCurveAnalysis.Analyze(sweep.ToRecord())
/// </code>
/// </remarks>
public sealed class LrSweep
{
    private readonly List<LrCurvePoint> points = [];
    private readonly DebiasedMovingAverage smoothing;
    private readonly IProgress<LrFinderProgress>? progress;
    private readonly CancellationToken cancellationToken;
    private readonly Stopwatch stopwatch;
    private double bestSmoothedLoss = double.PositiveInfinity;
    private TimeSpan elapsedAtStop;

    /// <summary>Starts a sweep.</summary>
    /// <param name="options">The sweep settings; validated and copied, so later changes to the object do not affect the sweep.</param>
    /// <param name="progress">Receives one report per recorded loss, synchronously, on the recording thread; default null.</param>
    /// <param name="cancellationToken">
    /// When signalled, <see cref="TryGetNextLearningRate"/> and <see cref="Record"/> end the sweep with
    /// <see cref="LrFinderStopReason.Cancelled"/>; nothing throws.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    /// <exception cref="ArgumentException"><see cref="LrFinderOptions.SuggestionMethods"/> is empty or contains null.</exception>
    public LrSweep(LrFinderOptions options, IProgress<LrFinderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options.Clone();
        smoothing = new DebiasedMovingAverage(Options.SmoothingBeta);
        this.progress = progress;
        this.cancellationToken = cancellationToken;
        stopwatch = Stopwatch.StartNew();
        Points = points.AsReadOnly();
    }

    /// <summary>The settings of this sweep (a validated copy).</summary>
    public LrFinderOptions Options { get; }

    /// <summary>The points recorded so far, in iteration order.</summary>
    public IReadOnlyList<LrCurvePoint> Points { get; }

    /// <summary>Why the sweep stopped; null while it is running.</summary>
    public LrFinderStopReason? StopReason { get; private set; }

    /// <summary>Whether the sweep has stopped: no further loss can be recorded.</summary>
    public bool IsStopped => StopReason.HasValue;

    /// <summary>The learning rate of the next step.</summary>
    /// <exception cref="InvalidOperationException">The sweep has stopped.</exception>
    public double NextLearningRate =>
        IsStopped ? throw new InvalidOperationException("The sweep has stopped.") : LearningRateAt(points.Count);

    /// <summary>
    /// The learning rate of an iteration: <c>start·(end/start)^(i/(N−1))</c> for the exponential schedule,
    /// <c>start + (end−start)·i/(N−1)</c> for the linear one. Iteration 0 uses exactly <see cref="LrFinderOptions.StartLearningRate"/>
    /// and iteration N−1 exactly <see cref="LrFinderOptions.EndLearningRate"/>.
    /// </summary>
    /// <param name="iteration">The 0-based iteration, in [0, <see cref="LrFinderOptions.NumberOfIterations"/>).</param>
    /// <returns>The learning rate of that iteration.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iteration"/> is outside the range.</exception>
    public double LearningRateAt(int iteration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(iteration, Options.NumberOfIterations);
        return LrScheduleRate.At(Options.Schedule, Options.StartLearningRate, Options.EndLearningRate, Options.NumberOfIterations, iteration);
    }

    /// <summary>
    /// Gets the learning rate of the next step, or ends the sweep with <see cref="LrFinderStopReason.Cancelled"/> when the
    /// cancellation token is signalled.
    /// </summary>
    /// <param name="learningRate">The learning rate of the next step; 0 when the method returns false.</param>
    /// <returns>True when another step should run; false when the sweep has stopped.</returns>
    public bool TryGetNextLearningRate(out double learningRate)
    {
        if (!IsStopped && cancellationToken.IsCancellationRequested)
        {
            Stop(LrFinderStopReason.Cancelled);
        }

        learningRate = IsStopped ? 0 : LearningRateAt(points.Count);
        return !IsStopped;
    }

    /// <summary>
    /// Records the loss of the step that ran at <see cref="NextLearningRate"/>, smooths it, reports progress and applies the
    /// stop rules.
    /// </summary>
    /// <param name="loss">The step's training loss. NaN or an infinity is recorded and stops the sweep at once.</param>
    /// <returns>True when the sweep continues; false when it has stopped (see <see cref="StopReason"/>).</returns>
    /// <exception cref="InvalidOperationException">The sweep has already stopped.</exception>
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
        progress?.Report(new LrFinderProgress(iteration, Options.NumberOfIterations, learningRate, loss, smoothedLoss, stopwatch.Elapsed));

        if (!double.IsFinite(loss) || !double.IsFinite(smoothedLoss))
        {
            Stop(LrFinderStopReason.NonFiniteLoss);
            return false;
        }

        bestSmoothedLoss = Math.Min(bestSmoothedLoss, smoothedLoss);
        if (Options.StopOnDivergence && HasDiverged(smoothedLoss, bestSmoothedLoss, Options.DivergenceThreshold))
        {
            Stop(LrFinderStopReason.Diverged);
        }
        else if (points.Count >= Options.NumberOfIterations)
        {
            Stop(LrFinderStopReason.Completed);
        }
        else if (cancellationToken.IsCancellationRequested)
        {
            Stop(LrFinderStopReason.Cancelled);
        }

        return !IsStopped;
    }

    /// <summary>
    /// The record of the sweep: its curve, stop reason, wall time and settings. Called on a sweep that has not stopped, it
    /// ends it with <see cref="LrFinderStopReason.EndOfData"/>.
    /// </summary>
    /// <returns>The record; <c>LrSweepAnalysis.BuildResult</c> turns it into a result with suggestions.</returns>
    public LrSweepRecord ToRecord()
    {
        if (!IsStopped)
        {
            Stop(LrFinderStopReason.EndOfData);
        }

        return new LrSweepRecord(new LrCurve(points, Options.NumberOfIterations, Options.LagFreeBandwidthDecades), StopReason!.Value, elapsedAtStop, Options);
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
