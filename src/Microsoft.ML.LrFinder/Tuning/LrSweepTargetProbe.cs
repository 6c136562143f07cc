namespace Microsoft.ML.LrFinder;

/// <summary>
/// A probe built from any <see cref="ILrSweepTarget"/>: snapshot, train at a constant learning rate step by step, score with the
/// caller's held-out loss, restore. The restore is the sweep's own, so a probe ends exactly as a sweep does: the target is put
/// back when the probe completes, when a step or the scoring throws and when it is cancelled.
/// </summary>
/// <remarks>
/// The held-out loss is read after the last step and before the restore, so it sees the trained state. A probe whose training
/// loss goes non-finite stops there and scores positive infinity without calling <c>validationLoss</c>.
/// </remarks>
public sealed class LrSweepTargetProbe : ILrProbeTarget
{
    private readonly ILrSweepTarget target;
    private readonly Func<double> validationLoss;
    private readonly LrTrainingSchedule schedule;

    /// <summary>Creates a probe over <paramref name="target"/>.</summary>
    /// <param name="target">What to train; its <see cref="ILrSweepTarget.Restore"/> must put back the snapshot state exactly.</param>
    /// <param name="validationLoss">The loss on held-out data of the target's current state; called once per probe, after training.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LrSweepTargetProbe(ILrSweepTarget target, Func<double> validationLoss)
        : this(target, validationLoss, LrTrainingSchedule.Constant)
    {
    }

    /// <summary>Creates a probe over <paramref name="target"/> whose rate follows <paramref name="schedule"/> (<see cref="LrProbeSchedule"/>).</summary>
    internal LrSweepTargetProbe(ILrSweepTarget target, Func<double> validationLoss, LrTrainingSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(validationLoss);
        this.target = target;
        this.validationLoss = validationLoss;
        this.schedule = schedule;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> or <paramref name="steps"/> is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the target is restored.</exception>
    /// <exception cref="AggregateException">A step threw and restoring the target threw too; holds both exceptions.</exception>
    /// <remarks>
    /// An exception from a step or from the held-out loss is rethrown after the restore, unchanged but for its
    /// <see cref="Exception.Data"/>, which gains the step (<see cref="LrSweepRunner.IterationDataKey"/>) and the learning rate
    /// (<see cref="LrSweepRunner.LearningRateDataKey"/>), as a sweep's does.
    /// </remarks>
    public LrTuneCandidate Probe(double learningRate, int steps, CancellationToken cancellationToken)
    {
        if (!(double.IsFinite(learningRate) && learningRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "must be finite and greater than 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        cancellationToken.ThrowIfCancellationRequested();
        target.Snapshot();
        int step = 0;
        double loss;
        try
        {
            bool diverged = false;
            while (step < steps && !diverged)
            {
                cancellationToken.ThrowIfCancellationRequested();
                diverged = !double.IsFinite(target.Step(LrProbeSchedule.LearningRateAt(schedule, learningRate, step, steps)));
                step++;
            }

            loss = diverged ? double.PositiveInfinity : validationLoss();
        }
        catch (Exception failure)
        {
            LrSweepRunner.Locate(failure, step, learningRate);
            LrSweepRunner.RestoreAfter(target, failure);
            throw;
        }

        target.Restore();
        return new LrTuneCandidate(learningRate, loss, step);
    }
}
