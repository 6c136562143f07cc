namespace Microsoft.ML.LrFinder;

/// <summary>One probe of a learning rate: how the model scored on held-out data after a short fit at that rate.</summary>
/// <param name="LearningRate">The candidate learning rate.</param>
/// <param name="ValidationLoss">
/// The loss on the held-out data after the probe; positive infinity when the probe's training loss went non-finite (the probe
/// stops there and the candidate is never chosen).
/// </param>
/// <param name="StepsRun">The optimizer steps the probe ran.</param>
public readonly record struct LrTuneCandidate(double LearningRate, double ValidationLoss, int StepsRun)
{
    /// <summary>
    /// The round of successive halving the probe belongs to, from 0: round 0 probes every candidate briefly, each later round
    /// probes the survivors of the one before for longer, each from the same starting state. The single-round step's probes
    /// are all round 0.
    /// </summary>
    /// <value>At least 0; default 0.</value>
    public int Round { get; init; }
}
