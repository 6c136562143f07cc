using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Cost;
using Microsoft.ML.LrFinder.Benchmarks.Replay;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>
/// The tuning comparison's tables: regret (mean, geometric mean, worst) against compute per arm and budget, per training
/// schedule and pooled; and leave-one-source-out, which chooses each method's budget on the other sources.
/// </summary>
internal static class TuneComparisonReport
{
    /// <summary>Issue 20's compute limit: the sweep and the probes within 0.15 of a 25-point grid.</summary>
    public const double ComputeLimit = 0.15;

    /// <summary>Issue 20's targets, leave-one-source-out on each budget.</summary>
    public const double MeanTarget = 1.05;

    public const double WorstTarget = 1.3;

    public static void Write(StringBuilder text, IReadOnlyList<TuneOutcome> outcomes)
    {
        var schedules = outcomes.Select(o => o.Schedule).Distinct().Order().ToArray();
        text.AppendLine(Format.Invariant($"Units: {outcomes.Select(o => (o.Task, o.Seed, o.Schedule)).Distinct().Count()} (task, seed, training budget) on {outcomes.Select(o => o.Task).Distinct().Count()} tasks from {outcomes.Select(o => o.Source).Distinct().Count()} sources, seeds {string.Join(", ", outcomes.Select(o => o.Seed).Distinct().Order())}."));
        text.AppendLine();
        text.AppendLine("#### Regret against compute, in sample");
        text.AppendLine();
        text.AppendLine("Budget: probe steps ÷ the real fit's. Compute: (sweep iterations + probe steps) ÷ (25 × the real fit's steps), the median and the largest over units. Regret: test loss at the chosen rate ÷ test loss at the rate the recorded grid's validation loss chose.");
        text.AppendLine();
        var table = new MarkdownTable("method", "budget", "training budget", "mean regret", "geometric mean", "worst", "compute (median)", "compute (max)");
        foreach (var group in outcomes.GroupBy(o => o.Arm).OrderBy(g => g.Key.Budget).ThenBy(g => g.Key.Kind).ThenBy(g => g.Key.LayoutName))
        {
            foreach (string schedule in schedules.Append("both"))
            {
                var units = group.Where(o => schedule == "both" || o.Schedule == schedule).ToArray();
                if (units.Length == 0)
                {
                    continue;
                }

                var score = Score(units);
                table.Add(
                    group.Key.Name, Format.Invariant($"{group.Key.Budget:0.##}"), schedule, Format.Ratio3(score.Mean), Format.Ratio3(score.GeometricMean), Format.Ratio(score.Worst),
                    Format.Ratio3(Stats.Median(units.Select(u => u.Compute))), Format.Ratio3(units.Max(u => u.Compute)));
            }
        }

        table.AlignRight(3, 4, 5, 6, 7);
        text.AppendLine(table.ToString());

        text.AppendLine("#### Leave-one-source-out: each method's budget chosen on the other sources");
        text.AppendLine();
        text.AppendLine(Format.Invariant($"For each data source, the budget whose median compute is within {ComputeLimit} of the grid's and whose mean + worst regret over the *other* sources' units (both training budgets) is lowest; its regrets on the held-out source are pooled. Targets (issue 20): mean ≤ {MeanTarget}, worst ≤ {WorstTarget} on each training budget."));
        text.AppendLine();
        var loso = new MarkdownTable("method", "training budget", "held out: mean", "geometric mean", "worst", "meets targets", "budget chosen (folds)");
        foreach (var method in Methods(outcomes))
        {
            var (heldOut, chosen) = LeaveOneSourceOut(outcomes.Where(o => Family(o.Arm) == method).ToArray());
            foreach (string schedule in schedules.Where(s => heldOut.Any(o => o.Schedule == s)))
            {
                var score = Score(heldOut.Where(o => o.Schedule == schedule).ToArray());
                loso.Add(method, schedule, Format.Ratio3(score.Mean), Format.Ratio3(score.GeometricMean), Format.Ratio(score.Worst),
                    Format.Met(score.Mean <= MeanTarget && score.Worst <= WorstTarget),
                    string.Join(", ", chosen.Values.GroupBy(b => b).OrderByDescending(g => g.Count()).Select(g => Format.Invariant($"{g.Key:0.##} ({g.Count()})"))));
            }
        }

        loso.AlignRight(2, 3, 4);
        text.AppendLine(loso.ToString());

        const string library = "halving, library";
        var (libraryHeldOut, libraryChosen) = LeaveOneSourceOut(outcomes.Where(o => Family(o.Arm) == library).ToArray());
        var (untunedHeldOut, _) = LeaveOneSourceOut(outcomes.Where(o => o.Arm.Kind == TuneArmKind.Untuned).ToArray());
        text.AppendLine(Format.Invariant($"Per held-out source, {library} (its budget chosen on the other sources) against the untuned selection, both training budgets:"));
        text.AppendLine();
        var perSource = new MarkdownTable("held-out source", "units", "budget chosen", "halving: mean / worst", "untuned: mean / worst");
        foreach (string source in outcomes.Select(o => o.Source).Distinct().Order())
        {
            var tuned = Score(libraryHeldOut.Where(o => o.Source == source).ToArray());
            var plain = Score(untunedHeldOut.Where(o => o.Source == source).ToArray());
            perSource.Add(source, Format.Invariant($"{libraryHeldOut.Count(o => o.Source == source)}"), Format.Invariant($"{libraryChosen.GetValueOrDefault(source):0.##}"),
                $"{Format.Ratio3(tuned.Mean)} / {Format.Ratio(tuned.Worst)}", $"{Format.Ratio3(plain.Mean)} / {Format.Ratio(plain.Worst)}");
        }

        text.AppendLine(perSource.ToString());
    }

    /// <summary>A method, whatever its budget: its name (halving with its layout).</summary>
    public static string Family(TuneArm arm) => arm.Name;

    private static IEnumerable<string> Methods(IReadOnlyList<TuneOutcome> outcomes) =>
        outcomes.Select(o => o.Arm).OrderBy(a => a.Kind).ThenBy(a => a.LayoutName).Select(Family).Distinct();

    /// <summary>
    /// For each source: the budget (within the compute limit) with the lowest mean + worst regret on the other sources, and the
    /// held-out source's outcomes at that budget.
    /// </summary>
    public static (List<TuneOutcome> HeldOut, Dictionary<string, double> Chosen) LeaveOneSourceOut(IReadOnlyList<TuneOutcome> family)
    {
        var heldOut = new List<TuneOutcome>();
        var chosen = new Dictionary<string, double>();
        foreach (string source in family.Select(o => o.Source).Distinct())
        {
            var training = family.Where(o => o.Source != source).ToArray();
            var best = training.GroupBy(o => o.Arm.Budget)
                .Where(g => Stats.Median(g.Select(o => o.Compute)) <= ComputeLimit)
                .OrderBy(g => Objective(Score(g.ToArray())))
                .ThenBy(g => g.Key)
                .Select(g => (double?)g.Key)
                .FirstOrDefault()
                ?? family.Min(o => o.Arm.Budget);
            chosen[source] = best;
            heldOut.AddRange(family.Where(o => o.Source == source && o.Arm.Budget == best));
        }

        return (heldOut, chosen);
    }

    private static double Objective(ReplayScore score) => score.Mean + score.Worst;

    private static ReplayScore Score(IReadOnlyList<TuneOutcome> units) => ReplayScore.Of(units.Select(u => (double?)u.Regret));
}
