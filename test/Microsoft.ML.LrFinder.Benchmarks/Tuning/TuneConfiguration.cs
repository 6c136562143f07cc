using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>One setting of the tuning step the benchmark measures: how many candidates, how far apart, how long each probe.</summary>
/// <param name="CandidateCount">The candidates probed (<see cref="LrTuneOptions.CandidateCount"/>).</param>
/// <param name="CandidateSpacing">The ratio between neighbouring candidates (<see cref="LrTuneOptions.CandidateSpacing"/>).</param>
/// <param name="ProbeFraction">The share of the budget each probe trains (<see cref="LrTuneOptions.ProbeFraction"/>).</param>
internal sealed record TuneConfiguration(int CandidateCount, double CandidateSpacing, double ProbeFraction)
{
    /// <summary>Every configuration measured: 2, 3 and 4 candidates × spacing 2 and 3 × probes of 0.1 and 0.25 of the budget.</summary>
    public static IReadOnlyList<TuneConfiguration> All { get; } =
        [.. from count in new[] { 2, 3, 4 }
            from spacing in new[] { 2.0, 3.0 }
            from fraction in new[] { 0.1, 0.25 }
            select new TuneConfiguration(count, spacing, fraction)];

    /// <summary>The library's options for this configuration.</summary>
    public LrTuneOptions Options => new() { CandidateCount = CandidateCount, CandidateSpacing = CandidateSpacing, ProbeFraction = ProbeFraction };

    /// <summary>For instance <c>3 at ×3, probe 0.25</c>: count, spacing and probe fraction.</summary>
    public string Name => Format.Invariant($"{CandidateCount} at ×{CandidateSpacing}, probe {ProbeFraction}");
}
