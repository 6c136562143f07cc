namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>Regrets over a set of units: mean, geometric mean, worst, and the units without a suggestion.</summary>
internal sealed record ReplayScore(double Mean, double GeometricMean, double Worst, int Count, int NoSuggestion)
{
    public static ReplayScore Of(IEnumerable<double?> regrets)
    {
        var all = regrets.ToArray();
        var valued = all.Where(r => r.HasValue).Select(r => r!.Value).ToArray();
        if (valued.Length == 0)
        {
            return new ReplayScore(double.NaN, double.NaN, double.NaN, 0, all.Length);
        }

        return new ReplayScore(
            valued.Average(),
            Math.Exp(valued.Average(r => Math.Log(r))),
            valued.Max(),
            valued.Length,
            all.Length - valued.Length);
    }

    /// <summary>
    /// What leave-one-group-out minimises when it fits a family's constants: the mean regret plus the worst, so a
    /// constant that is excellent on average but catastrophic once is not chosen; a diverged training run makes it +∞.
    /// A rule that is silent on a unit where the loss fell is charged as if it had diverged there.
    /// </summary>
    public double Objective => NoSuggestion > 0 || Count == 0 ? double.PositiveInfinity : Mean + Worst;
}
