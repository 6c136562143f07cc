namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>The seeds and grid learning rates one task of the regret suite runs.</summary>
internal sealed record RegretPlan(IReadOnlyList<int> Seeds, IReadOnlyList<double> Grid);
