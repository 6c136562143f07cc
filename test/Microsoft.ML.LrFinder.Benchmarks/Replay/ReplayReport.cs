using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>The replay's tables: every family under leave-one-task-out, per budget; sweep length; the default per task.</summary>
internal static class ReplayReport
{
    public static void Write(StringBuilder report, IReadOnlyList<RecordedRun> runs, int iterations)
    {
        var scorer = new ReplayScorer();
        var rules = ReplayRuleFamilies.All();
        var families = rules.GroupBy(r => r.Family).Select(g => g.ToArray()).ToArray();
        var budgets = runs.SelectMany(r => r.Budgets.Select(b => b.Name)).Distinct().ToArray();

        report.AppendLine(Format.Invariant($"### Leave-one-task-out regret, sweeps of {iterations} iterations"));
        report.AppendLine();
        report.AppendLine("Each family's constants are fitted on the other tasks (lowest mean + ¼ worst regret) and scored on the left-out task; the figures are the held-out regrets of every (task, seed). \"per budget\" fits the constants on that budget's runs; \"shared\" fits one set on both budgets. Rules without constants are scored as shipped. Cells: mean / geometric mean / worst (no suggestion).");
        report.AppendLine();
        var table = new MarkdownTable(["family", .. budgets.Select(b => $"{b} (per budget)"), "both (per budget)", "both (shared)", "constants chosen (shared, per left-out task)", "in-sample best (not validated)"]);
        foreach (var family in families)
        {
            var cells = new List<string> { family[0].Family };
            var perBudget = new List<double?>();
            foreach (var budget in budgets)
            {
                var units = Units(runs, iterations, budget);
                var (score, _) = scorer.LeaveOneTaskOut(family, units);
                cells.Add(Cell(score));
                perBudget.AddRange(HeldOut(scorer, family, units));
            }

            cells.Add(Cell(ReplayScore.Of(perBudget)));
            var (shared, chosen) = scorer.LeaveOneTaskOut(family, Units(runs, iterations, null));
            cells.Add(Cell(shared));
            cells.Add(string.Join("; ", chosen.GroupBy(c => c.Value.Constants).Select(g => $"{g.Key} ({g.Count()})")));
            var all = Units(runs, iterations, null);
            var inSample = family.MinBy(rule => scorer.Score(rule, all).Objective)!;
            cells.Add($"{Cell(scorer.Score(inSample, all))} at {inSample.Constants}");
            table.Add([.. cells]);
        }

        report.AppendLine(table.ToString());
        WritePerTask(report, scorer, families, runs, iterations);
        WriteWorst(report, scorer, families, runs, iterations);
        WriteSweepLength(report, scorer, families, runs);
    }

    /// <summary>Per task, the held-out regret of each family (constants shared across budgets, fitted without the task).</summary>
    private static void WritePerTask(StringBuilder report, ReplayScorer scorer, ReplayRule[][] families, IReadOnlyList<RecordedRun> runs, int iterations)
    {
        var units = Units(runs, iterations, null);
        var tasks = units.Select(u => u.Task).Distinct().ToArray();
        report.AppendLine("### Per task (held out), both budgets, shared constants");
        report.AppendLine();
        report.AppendLine("Cells: mean / worst regret over the task's seeds and both budgets.");
        report.AppendLine();
        var table = new MarkdownTable(["family", .. tasks]);
        foreach (var family in families)
        {
            var (_, chosen) = scorer.LeaveOneTaskOut(family, units);
            table.Add([family[0].Family, .. tasks.Select(task =>
            {
                var score = ReplayScore.Of(units.Where(u => u.Task == task).Select(u => scorer.Regret(chosen[task], u)));
                return Format.Invariant($"{Format.Ratio(score.Mean)} / {Format.Ratio(score.Worst)}");
            })]);
        }

        report.AppendLine(table.ToString());
    }

    /// <summary>Each family's three worst held-out units: where a rule fails and by how much.</summary>
    private static void WriteWorst(StringBuilder report, ReplayScorer scorer, ReplayRule[][] families, IReadOnlyList<RecordedRun> runs, int iterations)
    {
        var units = Units(runs, iterations, null);
        report.AppendLine("### Worst held-out cases (both budgets, shared constants)");
        report.AppendLine();
        var table = new MarkdownTable("family", "task", "seed", "budget", "suggested", "oracle", "regret");
        foreach (var family in families)
        {
            var (_, chosen) = scorer.LeaveOneTaskOut(family, units);
            foreach (var unit in units.OrderByDescending(u => scorer.Regret(chosen[u.Task], u) ?? double.PositiveInfinity).Take(3))
            {
                table.Add(family[0].Family, unit.Task, Format.Invariant($"{unit.Seed}"), unit.Grid.Name,
                    Format.Lr(scorer.Suggest(chosen[unit.Task], unit.Sweep)), Format.Lr(unit.Grid.OracleLearningRate),
                    Format.Ratio(scorer.Regret(chosen[unit.Task], unit) ?? double.NaN));
            }
        }

        report.AppendLine(table.ToString());
    }

    /// <summary>The held-out figure (shared constants, both budgets) at each recorded sweep length.</summary>
    private static void WriteSweepLength(StringBuilder report, ReplayScorer scorer, ReplayRule[][] families, IReadOnlyList<RecordedRun> runs)
    {
        var lengths = runs.SelectMany(r => r.Sweeps.Select(s => s.Iterations)).Distinct().Order().ToArray();
        report.AppendLine("### Sweep length: leave-one-task-out regret at each number of iterations (both budgets, shared constants)");
        report.AppendLine();
        var table = new MarkdownTable(["family", .. lengths.Select(n => $"{n} iterations")]);
        foreach (var family in families)
        {
            table.Add([family[0].Family, .. lengths.Select(n => Cell(scorer.LeaveOneTaskOut(family, Units(runs, n, null)).Score))]);
        }

        report.AppendLine(table.ToString());
    }

    public static IReadOnlyList<ReplayUnit> Units(IReadOnlyList<RecordedRun> runs, int iterations, string? budget) =>
        runs.SelectMany(run => run.Sweeps.Where(s => s.Iterations == iterations).SelectMany(sweep =>
            run.Budgets.Where(b => budget is null || b.Name == budget).Select(grid => new ReplayUnit(run.Task, run.Seed, sweep, grid))))
        .ToArray();

    private static IEnumerable<double?> HeldOut(ReplayScorer scorer, IReadOnlyList<ReplayRule> family, IReadOnlyList<ReplayUnit> units)
    {
        var (_, chosen) = scorer.LeaveOneTaskOut(family, units);
        return units.Select(u => scorer.Regret(chosen[u.Task], u));
    }

    private static string Cell(ReplayScore score) => Format.Invariant(
        $"{Format.Ratio(score.Mean)} / {Format.Ratio(score.GeometricMean)} / {Format.Ratio(score.Worst)}{(score.NoSuggestion > 0 ? $" ({score.NoSuggestion})" : string.Empty)}");
}
