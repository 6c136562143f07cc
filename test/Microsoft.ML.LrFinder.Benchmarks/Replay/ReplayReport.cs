using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// The replay's tables: every family under leave-one-source-out (or leave-one-task-out) validation, per budget; per source and
/// per task; sweep length.
/// </summary>
internal static class ReplayReport
{
    public static void Write(StringBuilder report, IReadOnlyList<RecordedRun> runs, int iterations, ReplayHoldOut holdOut)
    {
        var scorer = new ReplayScorer(holdOut);
        var rules = ReplayRuleFamilies.All();
        var families = rules.GroupBy(r => r.Family).Select(g => g.ToArray()).ToArray();
        var budgets = runs.SelectMany(r => r.Budgets.Select(b => b.Name)).Distinct().ToArray();

        report.AppendLine(Format.Invariant($"### {Capitalized(scorer.ValidationName)} regret, sweeps of {iterations} iterations"));
        report.AppendLine();
        report.AppendLine(Format.Invariant($"Each family's constants are fitted on the other {Groups(scorer)} (lowest mean + worst regret) and scored on the left-out {Group(scorer)}; the figures are the held-out regrets of every (task, seed). ") + "\"per budget\" fits the constants on that budget's runs; \"shared\" fits one set on both budgets. Rules without constants are scored as shipped. Cells: mean / geometric mean / worst (no suggestion).");
        report.AppendLine();
        var table = new MarkdownTable(["family", .. budgets.Select(b => $"{b} (per budget)"), "both (per budget)", "both (shared)", $"constants chosen (shared, per left-out {Group(scorer)})", "in-sample best (not validated)"]);
        foreach (var family in families)
        {
            var cells = new List<string> { family[0].Family };
            var perBudget = new List<double?>();
            foreach (var budget in budgets)
            {
                var units = Units(runs, iterations, budget);
                var (score, perBudgetChoice) = scorer.LeaveOneGroupOut(family, units);
                cells.Add(family.Length == 1 ? Cell(score) : $"{Cell(score)}: {Chosen(perBudgetChoice)}");
                perBudget.AddRange(HeldOut(scorer, family, units));
            }

            cells.Add(Cell(ReplayScore.Of(perBudget)));
            var (shared, chosen) = scorer.LeaveOneGroupOut(family, Units(runs, iterations, null));
            cells.Add(Cell(shared));
            cells.Add(Chosen(chosen));
            var all = Units(runs, iterations, null);
            var inSample = family.MinBy(rule => scorer.Score(rule, all).Objective)!;
            cells.Add($"{Cell(scorer.Score(inSample, all))} at {inSample.Constants}");
            table.Add([.. cells]);
        }

        report.AppendLine(table.ToString());
        WriteBandwidths(report, scorer, rules, runs, iterations);
        WriteAnchors(report, scorer, runs, iterations);
        WritePer(report, scorer, families, runs, iterations, "source", u => u.Source);
        WritePretrained(report, scorer, families, runs, iterations);
        WritePer(report, scorer, families, runs, iterations, "task", u => u.Task);
        WriteWorst(report, scorer, families, runs, iterations);
        WriteSweepLength(report, scorer, families, runs);
    }

    /// <summary>Per source or per task (<paramref name="column"/>), the held-out regret of each family, both budgets.</summary>
    private static void WritePer(
        StringBuilder report, ReplayScorer scorer, ReplayRule[][] families, IReadOnlyList<RecordedRun> runs, int iterations, string column, Func<ReplayUnit, string> key)
    {
        var units = Units(runs, iterations, null);
        var columns = units.Select(key).Distinct().ToArray();
        report.AppendLine(Format.Invariant($"### Per {column} ({scorer.ValidationName}), both budgets, constants fitted per budget"));
        report.AppendLine();
        report.AppendLine(Format.Invariant($"Cells: mean / worst regret over the {column}'s runs (tasks, seeds) and both budgets."));
        report.AppendLine();
        var table = new MarkdownTable(["family", .. columns]);
        foreach (var family in families)
        {
            var heldOut = PerBudgetHeldOut(scorer, family, units);
            table.Add([family[0].Family, .. columns.Select(value =>
            {
                var score = ReplayScore.Of(heldOut.Where(h => key(h.Unit) == value).Select(h => h.Regret));
                return Format.Invariant($"{Format.Ratio(score.Mean)} / {Format.Ratio(score.Worst)}");
            })]);
        }

        report.AppendLine(table.ToString());
    }

    /// <summary>
    /// How far the oracle sits from each point a rule could anchor on, in decades (log10 oracle ÷ anchor): per budget, the
    /// spread across tasks of the per-task mean says how well a constant factor from that anchor can transfer to a new task.
    /// </summary>
    private static void WriteAnchors(StringBuilder report, ReplayScorer scorer, IReadOnlyList<RecordedRun> runs, int iterations)
    {
        var anchors = new (string Name, ReplayRule Rule)[]
        {
            ("fastai minimum (the point)", new ReplayRule("a", "", LrFinderDefaults.LagFreeBandwidthDecades, new ScaledSuggestionMethod(LrSuggestionMethods.Minimum, 10))),
            ("lag-free minimum", new ReplayRule("a", "", LrFinderDefaults.LagFreeBandwidthDecades, new LagFreeMinimumMethod("a", 1))),
            ("lag-free minimum, bw 0.4", new ReplayRule("a", "", 0.4, new LagFreeMinimumMethod("a", 1))),
            ("lag-free 50% of the fall", new ReplayRule("a", "", LrFinderDefaults.LagFreeBandwidthDecades, new LagFreeLevelMethod("a", 0.5, 1))),
            ("lag-free 85% of the fall", new ReplayRule("a", "", LrFinderDefaults.LagFreeBandwidthDecades, new LagFreeLevelMethod("a", 0.85, 1))),
            ("edge, rise 15%", new ReplayRule("a", "", LrFinderDefaults.LagFreeBandwidthDecades, new ConvergenceEdgeMethod("a", 0.15, 1))),
            ("edge, rise 60%", new ReplayRule("a", "", LrFinderDefaults.LagFreeBandwidthDecades, new ConvergenceEdgeMethod("a", 0.6, 1))),
            ("halfdrop", new ReplayRule("a", "", LrFinderDefaults.LagFreeBandwidthDecades, LrSuggestionMethods.HalfDrop)),
        };
        var budgets = runs.SelectMany(r => r.Budgets.Select(b => b.Name)).Distinct().ToArray();
        report.AppendLine("### Anchors: decades from each anchor to the oracle");
        report.AppendLine();
        report.AppendLine("log10(oracle ÷ anchor) per unit; cells: mean over all units, standard deviation of the per-task means (how much the factor a new task needs varies), and the mean within-task standard deviation (seed noise).");
        report.AppendLine();
        var table = new MarkdownTable(["anchor", .. budgets]);
        foreach (var (name, rule) in anchors)
        {
            var cells = new List<string> { name };
            foreach (var budget in budgets)
            {
                var byTask = Units(runs, iterations, budget)
                    .Select(u => (u.Task, Decades: scorer.Suggest(rule, u) is { } a ? Math.Log10(u.Grid.OracleLearningRate / a) : double.NaN))
                    .Where(x => double.IsFinite(x.Decades))
                    .GroupBy(x => x.Task)
                    .Select(g => g.Select(x => x.Decades).ToArray())
                    .ToArray();
                var means = byTask.Select(g => g.Average()).ToArray();
                cells.Add(Format.Invariant($"{byTask.SelectMany(g => g).Average():+0.00;-0.00} (tasks ±{StandardDeviation(means):0.00}, seeds ±{byTask.Average(StandardDeviation):0.00})"));
            }

            table.Add([.. cells]);
        }

        report.AppendLine(table.ToString());
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>
    /// One lag-free bandwidth serves both schedules (it shapes the curve the plot draws), so each family is also validated with
    /// its bandwidth fixed: per bandwidth, the held-out regret with the other constants fitted per budget.
    /// </summary>
    private static void WriteBandwidths(StringBuilder report, ReplayScorer scorer, IReadOnlyList<ReplayRule> rules, IReadOnlyList<RecordedRun> runs, int iterations)
    {
        var budgets = runs.SelectMany(r => r.Budgets.Select(b => b.Name)).Distinct().ToArray();
        var lagFreeFamilies = rules.Where(r => r.Family.StartsWith("lf-", StringComparison.Ordinal)).Select(r => r.Family).Distinct().ToArray();
        report.AppendLine("### Bandwidth: held-out regret with the bandwidth fixed, other constants fitted per budget (both budgets)");
        report.AppendLine();
        var table = new MarkdownTable(["family", .. ReplayRuleFamilies.Bandwidths.Select(b => Format.Invariant($"bw {b}"))]);
        foreach (var name in lagFreeFamilies)
        {
            table.Add([name, .. ReplayRuleFamilies.Bandwidths.Select(bandwidth =>
            {
                var family = rules.Where(r => r.Family == name && r.BandwidthDecades == bandwidth).ToArray();
                var score = ReplayScore.Of(budgets.SelectMany(budget => HeldOut(scorer, family, Units(runs, iterations, budget))));
                var usual = budgets.Select(budget => $"{budget}: {scorer.LeaveOneGroupOut(family, Units(runs, iterations, budget)).Chosen.Values.GroupBy(r => r.Constants).MaxBy(g => g.Count())!.Key}");
                return $"{Cell(score)} ({string.Join(", ", usual)})";
            })]);
        }

        report.AppendLine(table.ToString());
    }

    /// <summary>
    /// The pretrained-network tasks alone (<see cref="Tasks.TaskCatalog.IsPretrained"/>): each family's held-out regret on
    /// their runs, its constants fitted per budget without the run's source, as in the other tables.
    /// </summary>
    private static void WritePretrained(StringBuilder report, ReplayScorer scorer, ReplayRule[][] families, IReadOnlyList<RecordedRun> runs, int iterations)
    {
        var units = Units(runs, iterations, null);
        var tasks = units.Select(u => u.Task).Where(Tasks.TaskCatalog.IsPretrained).Distinct().ToArray();
        if (tasks.Length == 0)
        {
            return;
        }

        report.AppendLine(Format.Invariant($"### Pretrained-network tasks ({scorer.ValidationName}), constants fitted per budget"));
        report.AppendLine();
        report.AppendLine(Format.Invariant($"The runs of {string.Join(", ", tasks)}, held out as in the tables above. Cells: mean / geometric mean / worst."));
        report.AppendLine();
        var budgets = units.Select(u => u.Grid.Name).Distinct().ToArray();
        var table = new MarkdownTable(["family", .. budgets, "both"]);
        foreach (var family in families)
        {
            var heldOut = PerBudgetHeldOut(scorer, family, units).Where(h => Tasks.TaskCatalog.IsPretrained(h.Unit.Task)).ToArray();
            table.Add([family[0].Family, .. budgets.Select(b => Cell(ReplayScore.Of(heldOut.Where(h => h.Unit.Grid.Name == b).Select(h => h.Regret)))), Cell(ReplayScore.Of(heldOut.Select(h => h.Regret)))]);
        }

        report.AppendLine(table.ToString());
    }

    /// <summary>Each family's three worst held-out units: where a rule fails and by how much.</summary>
    private static void WriteWorst(StringBuilder report, ReplayScorer scorer, ReplayRule[][] families, IReadOnlyList<RecordedRun> runs, int iterations)
    {
        var units = Units(runs, iterations, null);
        report.AppendLine("### Worst held-out cases (both budgets, constants fitted per budget)");
        report.AppendLine();
        var table = new MarkdownTable("family", "task", "seed", "budget", "suggested", "oracle", "regret");
        foreach (var family in families)
        {
            foreach (var (unit, rule, regret) in PerBudgetHeldOut(scorer, family, units).OrderByDescending(h => h.Regret ?? double.PositiveInfinity).Take(3))
            {
                table.Add(family[0].Family, unit.Task, Format.Invariant($"{unit.Seed}"), unit.Grid.Name,
                    Format.Lr(scorer.Suggest(rule, unit)), Format.Lr(unit.Grid.OracleLearningRate), Format.Ratio(regret ?? double.NaN));
            }
        }

        report.AppendLine(table.ToString());
    }

    /// <summary>The held-out figure (shared constants, both budgets) at each recorded sweep length.</summary>
    private static void WriteSweepLength(StringBuilder report, ReplayScorer scorer, ReplayRule[][] families, IReadOnlyList<RecordedRun> runs)
    {
        var lengths = runs.SelectMany(r => r.Sweeps.Select(s => s.Iterations)).Distinct().Order().ToArray();
        report.AppendLine(Format.Invariant($"### Sweep length: {scorer.ValidationName} regret at each number of iterations (both budgets, constants fitted per budget)"));
        report.AppendLine();
        var table = new MarkdownTable(["family", .. lengths.Select(n => $"{n} iterations")]);
        foreach (var family in families)
        {
            table.Add([family[0].Family, .. lengths.Select(n => Cell(ReplayScore.Of(PerBudgetHeldOut(scorer, family, Units(runs, n, null)).Select(h => h.Regret))))]);
        }

        report.AppendLine(table.ToString());
    }

    public static IReadOnlyList<ReplayUnit> Units(IReadOnlyList<RecordedRun> runs, int iterations, string? budget) =>
        runs.SelectMany(run => run.Sweeps.Where(s => s.Iterations == iterations).SelectMany(sweep =>
            run.Budgets.Where(b => budget is null || b.Name == budget).Select(grid => new ReplayUnit(run.Task, run.Source, run.Epochs, run.Seed, sweep, grid))))
        .ToArray();

    /// <summary>Leave-one-group-out within each budget: every unit with the member fitted without its group, on its budget only.</summary>
    private static IReadOnlyList<(ReplayUnit Unit, ReplayRule Rule, double? Regret)> PerBudgetHeldOut(
        ReplayScorer scorer, IReadOnlyList<ReplayRule> family, IReadOnlyList<ReplayUnit> units) =>
        units.GroupBy(u => u.Grid.Name).SelectMany(budget =>
        {
            var inBudget = budget.ToArray();
            var (_, chosen) = scorer.LeaveOneGroupOut(family, inBudget);
            return inBudget.Select(u => (u, chosen[scorer.GroupOf(u)], scorer.Regret(chosen[scorer.GroupOf(u)], u)));
        }).ToArray();

    private static IEnumerable<double?> HeldOut(ReplayScorer scorer, IReadOnlyList<ReplayRule> family, IReadOnlyList<ReplayUnit> units)
    {
        var (_, chosen) = scorer.LeaveOneGroupOut(family, units);
        return units.Select(u => scorer.Regret(chosen[scorer.GroupOf(u)], u));
    }

    private static string Group(ReplayScorer scorer) => scorer.HoldOut == ReplayHoldOut.Source ? "source" : "task";

    private static string Groups(ReplayScorer scorer) => scorer.HoldOut == ReplayHoldOut.Source ? "sources" : "tasks";

    private static string Capitalized(string text) => string.Concat(text[..1].ToUpperInvariant(), text[1..]);

    private static string Chosen(IReadOnlyDictionary<string, ReplayRule> chosen) =>
        string.Join("; ", chosen.GroupBy(c => c.Value.Constants).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ({g.Count()})"));

    private static string Cell(ReplayScore score) => Format.Invariant(
        $"{Format.Ratio(score.Mean)} / {Format.Ratio(score.GeometricMean)} / {Format.Ratio(score.Worst)}{(score.NoSuggestion > 0 ? $" ({score.NoSuggestion})" : string.Empty)}");
}
