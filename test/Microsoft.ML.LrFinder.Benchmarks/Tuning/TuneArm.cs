namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>How an arm of the tuning comparison turns a sweep and a budget into a learning rate.</summary>
internal enum TuneArmKind
{
    /// <summary>The sweep's selection, not tuned.</summary>
    Untuned,

    /// <summary>The single-round step of version 1: the selection and a third of it, probes of a quarter of the fit.</summary>
    TwoCandidates,

    /// <summary>The library's successive halving (<see cref="LrTuneRunner"/>) with a layout of <see cref="LrHalvingSettings"/>.</summary>
    Halving,

    /// <summary>Random search: rates drawn log-uniformly over the sweep's range, each probed once, equal compute.</summary>
    Random,

    /// <summary>A coarse grid: the first round of halving's candidates, each probed once for an equal share of the budget.</summary>
    CoarseGrid,
}

/// <summary>One arm of the comparison: a kind, the budget it may spend (a multiple of one real fit) and, for halving, its layout.</summary>
/// <param name="Kind">How it chooses.</param>
/// <param name="Budget">Probe steps ÷ the real fit's steps it may spend; 0 for the untuned selection, 0.5 for the two-candidate step.</param>
/// <param name="Layout">Halving's (and the coarse grid's) layout; the library's by default.</param>
/// <param name="LayoutName">The layout in a few words, for the tables.</param>
/// <param name="FollowsSchedule">
/// Whether the probes compress the training budget's schedule (a one-cycle) into their steps, as the ML.NET trainers' probes
/// (their own fit) do; otherwise they train at a constant rate, as <c>TorchSharpLrFinder.Tune</c> does.
/// </param>
internal sealed record TuneArm(TuneArmKind Kind, double Budget, LrHalvingSettings Layout, string LayoutName, bool FollowsSchedule = false)
{
    /// <summary>The arm's name in the tables, for instance <c>halving (library) ×2</c>.</summary>
    public string Name => Kind switch
    {
        TuneArmKind.Untuned => "untuned selection",
        TuneArmKind.TwoCandidates => "two candidates (v1 step)",
        TuneArmKind.Halving => Reporting.Format.Invariant($"halving, {LayoutName}"),
        TuneArmKind.Random => "random search",
        TuneArmKind.CoarseGrid => "coarse grid",
        _ => Kind.ToString(),
    };

    /// <summary>
    /// Every arm measured at <paramref name="budgets"/>: the untuned selection and the v1 step once; at each budget, halving as
    /// the library runs it (probes follow the training budget's schedule, as <c>TorchSharpLrFinder.Tune</c> does when told the
    /// schedule and the ML.NET probes always do), halving with constant-rate probes, halving reaching up to the sweep's highest
    /// stable rate, random search and the coarse grid (both with constant-rate probes).
    /// </summary>
    public static IReadOnlyList<TuneArm> All(IReadOnlyList<double> budgets)
    {
        var library = LrHalvingSettings.Default;
        var layouts = new (LrHalvingSettings Layout, string Name, bool FollowsSchedule)[]
        {
            (library, "library", true),
            (library, "library, constant-rate probes", false),
            (library with { HighestRatio = double.PositiveInfinity }, "up to the highest stable rate, constant-rate probes", false),
        };
        var arms = new List<TuneArm>
        {
            new(TuneArmKind.Untuned, 0, library, "library"),
            new(TuneArmKind.TwoCandidates, 0.5, library, "library"),
        };
        foreach (double budget in budgets)
        {
            arms.AddRange(layouts.Select(l => new TuneArm(TuneArmKind.Halving, budget, l.Layout, l.Name, l.FollowsSchedule)));
            arms.Add(new TuneArm(TuneArmKind.Random, budget, library, "library"));
            arms.Add(new TuneArm(TuneArmKind.CoarseGrid, budget, library, "library"));
        }

        return arms;
    }
}
