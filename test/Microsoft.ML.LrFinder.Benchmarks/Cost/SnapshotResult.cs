using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>Snapshot and restore of a large model's training state, against one training step and one copy of the state.</summary>
/// <param name="Parameters">The model's parameter count.</param>
/// <param name="StateBytes">One copy of the parameters plus the optimizer's state.</param>
/// <param name="SnapshotBytes">Bytes the snapshot held (its tensors), taken after <c>zero_grad()</c> as a training loop leaves it.</param>
/// <param name="SnapshotBytesWithGradients">Bytes the snapshot held when taken right after a step, its gradients still in place (they are kept).</param>
/// <param name="GeneratorStateBytes">Torch's random generator state, which the snapshot also keeps (a few KiB).</param>
/// <param name="StepMs">Median time of one training step.</param>
/// <param name="SnapshotMs">Median time of a snapshot.</param>
/// <param name="RestoreMs">Median time of a restore.</param>
/// <param name="Repetitions">Interleaved repetitions.</param>
internal sealed record SnapshotResult(
    long Parameters, long StateBytes, long SnapshotBytes, long SnapshotBytesWithGradients, long GeneratorStateBytes, double StepMs, double SnapshotMs, double RestoreMs, int Repetitions)
{
    public const double TimeTarget = 2;
    public const double BytesTarget = 1;

    public double TimeRatio => (SnapshotMs + RestoreMs) / StepMs;

    public double BytesRatio => (double)SnapshotBytes / StateBytes;

    /// <summary>What the snapshot may hold beyond the generator state without a tensor's worth: which gradients existed, the batch order.</summary>
    public const long BookkeepingBytes = 1024;

    /// <summary>Whether the snapshot holds at most one copy of parameters + optimizer state, besides the generator state and bookkeeping.</summary>
    public bool BytesMet => SnapshotBytes - GeneratorStateBytes - BookkeepingBytes <= StateBytes;

    public double BytesRatioWithGradients => (double)SnapshotBytesWithGradients / StateBytes;

    /// <summary>Each target this measurement missed, in words; empty when it met them all.</summary>
    public IEnumerable<string> MissedTargets()
    {
        if (TimeRatio > TimeTarget)
        {
            yield return Format.Invariant($"snapshot + restore took {Format.Ratio(TimeRatio)} training steps (target ≤ {TimeTarget:0})");
        }

        if (!BytesMet)
        {
            yield return Format.Invariant($"the snapshot held {Format.Ratio(BytesRatio)}× one copy of parameters and optimizer state (target ≤ {BytesTarget:0}, besides the generator state and bookkeeping)");
        }
    }
}
