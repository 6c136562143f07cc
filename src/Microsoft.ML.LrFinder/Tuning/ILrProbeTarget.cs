namespace Microsoft.ML.LrFinder;

/// <summary>
/// What the tuning step probes: anything that can train a short while at a fixed learning rate from its current state, score
/// the result on held-out data and put its state back. <see cref="LrTuneRunner"/> drives it, once per candidate.
/// </summary>
/// <remarks>
/// Every probe must start from the same state, so <see cref="Probe"/> must leave the target exactly as it found it: after it
/// returns, after it throws and after it is cancelled. <see cref="LrSweepTargetProbe"/> builds one from any
/// <see cref="ILrSweepTarget"/>, whose snapshot and restore give that guarantee.
/// </remarks>
public interface ILrProbeTarget
{
    /// <summary>Trains for at most <paramref name="steps"/> optimizer steps at <paramref name="learningRate"/>, scores, restores.</summary>
    /// <param name="learningRate">The candidate learning rate: finite and greater than 0.</param>
    /// <param name="steps">The probe's budget in optimizer steps: at least 1.</param>
    /// <param name="cancellationToken">Checked between steps; cancelling restores the target and throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The candidate: its learning rate, the validation loss after the probe and the steps it ran.</returns>
    LrTuneCandidate Probe(double learningRate, int steps, CancellationToken cancellationToken);
}
