namespace Microsoft.ML.LrFinder;

/// <summary>Runs a learning-rate sweep over an <see cref="ILrSweepTarget"/>: snapshot, step through the range, restore.</summary>
public static class LrSweepRunner
{
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
    /// <remarks>An exception thrown by <see cref="ILrSweepTarget.Step"/> is rethrown unchanged after the target is restored.</remarks>
    public static LrFinderResult Run(
        ILrSweepTarget target,
        LrFinderOptions? options = null,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var sweep = new LrSweep(options ?? new LrFinderOptions(), progress, cancellationToken);

        target.Snapshot();
        try
        {
            while (sweep.TryGetNextLearningRate(out double learningRate))
            {
                sweep.Record(target.Step(learningRate));
            }
        }
        catch (Exception stepFailure)
        {
            RestoreAfter(target, stepFailure);
            throw;
        }

        target.Restore();
        return sweep.BuildResult();
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
