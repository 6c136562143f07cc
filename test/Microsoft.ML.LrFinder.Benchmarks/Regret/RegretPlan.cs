namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>The seeds and grid learning rates one task of the regret suite runs.</summary>
/// <param name="Seeds">The seeds.</param>
/// <param name="Grid">The grid learning rates.</param>
/// <param name="SweepLengths">
/// Whether each seed is also swept at the other lengths of <see cref="RunRecorder.SweepLengths"/>: cheap beside the grid on the
/// TorchSharp tasks, but 250 more steps of seconds each on an ML.NET trainer.
/// </param>
internal sealed record RegretPlan(IReadOnlyList<int> Seeds, IReadOnlyList<double> Grid, bool SweepLengths = true);
