namespace Microsoft.ML.LrFinder;

/// <summary>
/// How successive halving lays out its candidates and rounds. Internal: the library runs <see cref="Default"/>; the tuning
/// benchmark measures the others (docs/tuning.md).
/// </summary>
/// <param name="Spacing">The ratio between neighbouring candidates of the first round, on a grid through the selected rate.</param>
/// <param name="LowestRatio">The first round reaches at least this far below the selected rate (selected ÷ LowestRatio).</param>
/// <param name="DeepestRatio">
/// Where a suggestion of the sweep lies lower still, the first round follows it down, but never past selected ÷ DeepestRatio.
/// </param>
/// <param name="HighestRatio">
/// The first round reaches up to the highest rate the sweep trained at without diverging, but never past selected ×
/// HighestRatio (positive infinity: no limit but the sweep's).
/// </param>
/// <param name="Reduction">Each round keeps the best 1/Reduction of its candidates (at least two) and probes them Reduction times longer.</param>
/// <param name="MaximumCandidates">The most candidates the first round probes; beyond it the highest are left out.</param>
/// <param name="LastRoundShare">
/// The share of the budget the last round spends (its probes are the longest and decide); the other rounds share the rest
/// equally. NaN: every round spends an equal share.
/// </param>
internal sealed record LrHalvingSettings(
    double Spacing, double LowestRatio, double DeepestRatio, double HighestRatio, int Reduction, int MaximumCandidates, double LastRoundShare = double.NaN)
{
    /// <summary>
    /// The library's layout: candidates 3× apart from the selected rate ÷ 27 (÷ 243 where a suggestion lies that low) up to
    /// the selected rate × 3 or the highest stable rate of the sweep, whichever is lower, at most 9; each round keeps the best
    /// third. Reaching up to the highest stable rate instead scored worse in the tuning benchmark (docs/tuning.md): short
    /// probes reward fast early progress, so high rates win rounds they then lose over the whole fit.
    /// </summary>
    public static LrHalvingSettings Default { get; } = new(3, 27, 243, 3, 3, 9);
}
