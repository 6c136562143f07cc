namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>How soon a sweep stops once the loss diverges.</summary>
/// <param name="Curve">Which curve.</param>
/// <param name="Requested">Iterations requested.</param>
/// <param name="Run">Iterations run.</param>
/// <param name="DivergesAt">The iteration where the loss starts to diverge (0-based; −1 when unknown).</param>
/// <param name="StopReason">Why the sweep ended.</param>
/// <param name="StopLearningRate">The learning rate of the last iteration run.</param>
internal sealed record EarlyStopResult(string Curve, int Requested, int Run, int DivergesAt, LrFinderStopReason StopReason, double StopLearningRate)
{
    public double Fraction => (double)Run / Requested;

    /// <summary>Iterations past the onset of divergence before the sweep stopped.</summary>
    public int Overshoot => DivergesAt < 0 ? -1 : Run - DivergesAt;
}
