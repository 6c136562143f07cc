namespace Microsoft.ML.LrFinder;

/// <summary>One probed learning rate: how the model scored on held-out data after a short fit at that rate.</summary>
/// <param name="LearningRate">The candidate learning rate.</param>
/// <param name="ValidationLoss">
/// The loss on the held-out data after the probe; positive infinity when the probe's training loss went non-finite (the probe
/// stops there and the candidate is never chosen).
/// </param>
/// <param name="StepsRun">The optimizer steps the probe ran.</param>
public readonly record struct LrTuneCandidate(double LearningRate, double ValidationLoss, int StepsRun);
