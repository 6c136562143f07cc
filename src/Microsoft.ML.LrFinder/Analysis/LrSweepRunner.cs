namespace Microsoft.ML.LrFinder;

/// <summary>Runs a learning-rate sweep over an <see cref="ILrSweepTarget"/>: snapshot, step through the range, restore.</summary>
public static class LrSweepRunner
{
    /// <summary>
    /// The key of <see cref="Exception.Data"/> under which an exception thrown during a sweep carries the 0-based iteration
    /// (an <see cref="int"/>) whose step or progress report threw.
    /// </summary>
    public const string IterationDataKey = "LrFinder.Iteration";

    /// <summary>
    /// The key of <see cref="Exception.Data"/> under which an exception thrown during a sweep carries the learning rate
    /// (a <see cref="double"/>) of the iteration that threw.
    /// </summary>
    public const string LearningRateDataKey = "LrFinder.LearningRate";

    /// <summary>
    /// Sweeps the learning rate over <paramref name="target"/> and returns the curve and its suggestions. The target ends
    /// exactly as it started: it is restored whether the sweep completes, diverges, meets a non-finite loss, is cancelled
    /// or its step throws.
    /// </summary>
    /// <param name="target">What to train.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>. Validated before the snapshot; not modified.</param>
    /// <param name="progress">Receives one report per iteration, on the calling thread; default null.</param>
    /// <param name="cancellationToken">
    /// Checked before each step. Cancelling ends the sweep with <see cref="LrFinderStopReason.Cancelled"/> and returns the
    /// curve so far; it does not throw.
    /// </param>
    /// <returns>The result: curve, stop reason, suggestions, the selected learning rate and warnings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    /// <exception cref="AggregateException">A step threw and restoring the target threw too; holds both exceptions.</exception>
    /// <remarks>
    /// An exception thrown by <see cref="ILrSweepTarget.Step"/> (or by <paramref name="progress"/>) is rethrown after the target
    /// is restored, with its type, message and stack trace unchanged; its <see cref="Exception.Data"/> gains the iteration
    /// (<see cref="IterationDataKey"/>) and learning rate (<see cref="LearningRateDataKey"/>) at which it was thrown.
    /// </remarks>
    public static LrFinderResult Run(
        ILrSweepTarget target,
        LrFinderOptions? options = null,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var sweep = new LrSweep(options ?? new LrFinderOptions(), progress, cancellationToken);

        target.Snapshot();
        int iteration = 0;
        double learningRate = 0;
        try
        {
            while (sweep.TryGetNextLearningRate(out learningRate))
            {
                iteration = sweep.Points.Count;
                sweep.Record(target.Step(learningRate));
            }
        }
        catch (Exception stepFailure)
        {
            Locate(stepFailure, iteration, learningRate);
            RestoreAfter(target, stepFailure);
            throw;
        }

        target.Restore();
        return sweep.BuildResult();
    }

    // The exception keeps its type (callers catch by type) and its message; the iteration travels in Data.
    internal static void Locate(Exception failure, int iteration, double learningRate)
    {
        try
        {
            failure.Data[IterationDataKey] = iteration;
            failure.Data[LearningRateDataKey] = learningRate;
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
        {
            // A read-only Data dictionary: the exception still goes out unchanged.
        }
    }

    private static void RestoreAfter(ILrSweepTarget target, Exception stepFailure)
    {
        try
        {
            target.Restore();
        }
        catch (Exception restoreFailure)
        {
            // Losing either exception would hide a corrupted model or the cause of it.
            throw new AggregateException("The training step failed and restoring the sweep target failed too.", stepFailure, restoreFailure);
        }
    }
}
