namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>The sweep's cost per iteration against a plain training step, from interleaved rounds.</summary>
/// <param name="Model">What was timed.</param>
/// <param name="Rounds">Interleaved rounds (one plain loop and one sweep each).</param>
/// <param name="Steps">Steps per loop and iterations per sweep.</param>
/// <param name="PlainStepMs">Median time of a plain training step.</param>
/// <param name="SweepIterationMs">Median time of a sweep iteration (the whole sweep, snapshot and restore included, ÷ iterations run).</param>
/// <param name="Ratio">Median of the per-round ratios.</param>
/// <param name="RatioLow">25th percentile of the per-round ratios.</param>
/// <param name="RatioHigh">75th percentile of the per-round ratios.</param>
/// <param name="RatioOfFastest">
/// Fastest sweep iteration ÷ fastest plain step over all rounds: interference from other jobs only ever adds time, so the
/// fastest rounds are the least disturbed ones.
/// </param>
/// <param name="SweepWorkMs">
/// For an ML.NET trainer, the sweep's own work per step timed alone (<see cref="SweepStepWork"/>); null for the TorchSharp
/// models, whose sweep iteration is timed directly.
/// </param>
internal sealed record OverheadResult(
    string Model, int Rounds, int Steps, double PlainStepMs, double SweepIterationMs, double Ratio, double RatioLow, double RatioHigh, double RatioOfFastest,
    double? SweepWorkMs = null)
{
    public const double Target = 1.05;
}
