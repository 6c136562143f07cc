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
        var table = new MarkdownTable(["family", .. budgets.Select(b => $"{b} (per budget)"), "both (per budget)", "both (shared)", "constants chosen (shared, per left-out task)"]);
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
            table.Add([.. cells]);
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
