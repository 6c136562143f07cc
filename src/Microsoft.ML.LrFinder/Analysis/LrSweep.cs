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
/// <para>
/// It holds the finder's options for the analysis of its record; the engine behind it (Sweep/LrSweepEngine.cs) reads only
/// the sweep's part of them (docs/architecture.md).
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
    private readonly LrSweepEngine engine;

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
        engine = new LrSweepEngine(Options.SweepSettings(), progress, cancellationToken);
    }

    /// <summary>The settings of this sweep (a validated copy).</summary>
    public LrFinderOptions Options { get; }

    /// <summary>The points recorded so far, in iteration order.</summary>
    public IReadOnlyList<LrCurvePoint> Points => engine.Points;

    /// <summary>Why the sweep stopped; null while it is running.</summary>
    public LrFinderStopReason? StopReason => engine.StopReason;

    /// <summary>Whether the sweep has stopped: no further loss can be recorded.</summary>
    public bool IsStopped => engine.IsStopped;

    /// <summary>The learning rate of the next step.</summary>
    /// <exception cref="InvalidOperationException">The sweep has stopped.</exception>
    public double NextLearningRate => engine.NextLearningRate;

    /// <summary>
    /// The learning rate of an iteration: <c>start·(end/start)^(i/(N−1))</c> for the exponential schedule,
    /// <c>start + (end−start)·i/(N−1)</c> for the linear one. Iteration 0 uses exactly <see cref="LrFinderOptions.StartLearningRate"/>
    /// and iteration N−1 exactly <see cref="LrFinderOptions.EndLearningRate"/>.
    /// </summary>
    /// <param name="iteration">The 0-based iteration, in [0, <see cref="LrFinderOptions.NumberOfIterations"/>).</param>
    /// <returns>The learning rate of that iteration.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iteration"/> is outside the range.</exception>
    public double LearningRateAt(int iteration) => engine.LearningRateAt(iteration);

    /// <summary>
    /// Gets the learning rate of the next step, or ends the sweep with <see cref="LrFinderStopReason.Cancelled"/> when the
    /// cancellation token is signalled.
    /// </summary>
    /// <param name="learningRate">The learning rate of the next step; 0 when the method returns false.</param>
    /// <returns>True when another step should run; false when the sweep has stopped.</returns>
    public bool TryGetNextLearningRate(out double learningRate) => engine.TryGetNextLearningRate(out learningRate);

    /// <summary>
    /// Records the loss of the step that ran at <see cref="NextLearningRate"/>, smooths it, reports progress and applies the
    /// stop rules.
    /// </summary>
    /// <param name="loss">The step's training loss. NaN or an infinity is recorded and stops the sweep at once.</param>
    /// <returns>True when the sweep continues; false when it has stopped (see <see cref="StopReason"/>).</returns>
    /// <exception cref="InvalidOperationException">The sweep has already stopped.</exception>
    public bool Record(double loss) => engine.Record(loss);

    /// <summary>
    /// The record of the sweep: its curve, stop reason, wall time and settings. Called on a sweep that has not stopped, it
    /// ends it with <see cref="LrFinderStopReason.EndOfData"/>.
    /// </summary>
    /// <returns>The record; <see cref="LrCurveAnalysis.Analyze(LrSweepRecord)"/> turns it into a result with suggestions.</returns>
    public LrSweepRecord ToRecord()
    {
        var curve = engine.Finish();
        return new LrSweepRecord(curve, engine.StopReason!.Value, engine.Elapsed, Options);
    }
}
