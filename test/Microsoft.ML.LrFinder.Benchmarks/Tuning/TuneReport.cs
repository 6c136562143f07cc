using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Cost;
using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>The regret section's "Tuning" tables: regret and compute per budget, probe schedule and configuration, and the leave-one-task-out choice.</summary>
internal static class TuneReport
{
    /// <summary>Issue 15's target for the tuning step's mean regret.</summary>
    public const double MeanTarget = 1.05;

    /// <summary>Issue 15's target for the tuning step's worst regret.</summary>
    public const double WorstTarget = 1.25;

    /// <summary>Issue 15's compute limit: the sweep and every probe within a fifth of a 25-point grid.</summary>
    public const double ComputeTarget = 0.2;

    public static string Build(IReadOnlyList<SeedRun> runs)
    {
        var records = runs.SelectMany(r => r.Tunes).ToArray();
        if (records.Length == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        text.AppendLine("### Tuning: probes around lagfree's selection");
        text.AppendLine(Format.Invariant(
            $"The library's `LrTuneRunner.Run` on each (task, budget, seed): candidates around lagfree's selection (the sweep's curve read with the budget's `TrainingSchedule`), each probed from the seed's initial weights for a fraction of the budget and scored on the validation split; the chosen rate is trained for the whole budget and scored on the test split, regret as above. Probe `constant`: a constant rate; `one-cycle`: the budget's one-cycle compressed into the probe's steps; `none`: lagfree's selection untuned. Steps: (sweep iterations + every probe's steps) ÷ (grid points × budget steps); time: (sweep + probes) ÷ grid wall time; medians over runs. Each configuration is charged its own probes (they are trained once per seed and replayed across configurations). Targets (issue 15): mean ≤ {MeanTarget:0.00}, worst ≤ {WorstTarget:0.00}, steps and time ≤ {ComputeTarget:0.0}. LOTO: for each task, the configuration with the lowest mean regret within the compute limit on the *other* tasks, scored on the held-out task; mean / geometric mean / worst of those held-out regrets, pooled over the tasks."));
        text.AppendLine();

        var table = new MarkdownTable("budget", "probe", "configuration", "mean regret", "geometric mean", "worst regret", "step ratio", "time ratio", "meets targets");
        var budgets = records.Select(r => r.Budget).Distinct().ToArray();
        var arms = budgets.SelectMany(b => records.Where(r => r.Budget == b).Select(r => r.ProbeSchedule).Distinct().Select(p => (Budget: b, Probe: p))).ToArray();
        foreach (var (budget, probe) in arms)
        {
            foreach (var group in records.Where(r => r.Budget == budget && r.ProbeSchedule == probe).GroupBy(r => r.Configuration))
            {
                AddRow(table, budget, probe, group.Key, group.ToArray());
            }
        }

        AddRow(table, "both", TuneBenchmark.Untuned, null, records.Where(r => r.Configuration is null).ToArray());
        foreach (var pairing in TunePairing.All)
        {
            foreach (var group in records.Where(r => r.Configuration is not null && pairing.Includes(r)).GroupBy(r => r.Configuration))
            {
                AddRow(table, "both", pairing.Name, group.Key, group.ToArray());
            }
        }

        table.AlignRight(3, 4, 5, 6, 7);
        text.AppendLine(table.ToString());

        text.AppendLine("#### Tuning: leave-one-task-out");
        text.AppendLine("Held-out regret of the configuration chosen on the other tasks (mean / geometric mean / worst), and how often each configuration was chosen across the folds. The in-sample line is the best configuration on every task, scored on the same tasks.");
        text.AppendLine();
        var loto = new MarkdownTable("budget", "probe", "held out: mean / geo / worst", "chosen (folds)", "in sample: best configuration", "in sample: mean / geo / worst");
        foreach (var (budget, probe) in arms.Where(a => a.Probe != TuneBenchmark.Untuned))
        {
            AddLotoRow(loto, budget, probe, records.Where(r => r.Budget == budget && r.ProbeSchedule == probe).ToArray());
        }

        foreach (var pairing in TunePairing.All)
        {
            AddLotoRow(loto, "both", pairing.Name, records.Where(r => r.Configuration is not null && pairing.Includes(r)).ToArray());
        }

        text.AppendLine(loto.ToString());

        text.AppendLine(Format.Invariant($"Per held-out task, {TunePairing.AsTheLibraryProbes.Name}, both budgets (the pairing the defaults are chosen on):"));
        text.AppendLine();
        var folds = new MarkdownTable("held-out task", "configuration chosen on the others", "held-out mean / geo / worst");
        foreach (var (task, chosen, heldOut) in LeaveOneTaskOut.Run(records.Where(r => r.Configuration is not null && TunePairing.AsTheLibraryProbes.Includes(r)).ToArray(), ComputeTarget))
        {
            folds.Add(task, chosen?.Name ?? "—", Summary(heldOut));
        }

        text.AppendLine(folds.ToString());
        return text.ToString();
    }

    private static void AddRow(MarkdownTable table, string budget, string probe, TuneConfiguration? configuration, TuneRecord[] group)
    {
        var regrets = group.Select(r => r.Regret).ToArray();
        double steps = Stats.Median(group.Select(r => r.StepRatio));
        double time = Stats.Median(group.Select(r => r.TimeRatio));
        bool met = regrets.Average() <= MeanTarget && regrets.Max() <= WorstTarget && steps <= ComputeTarget && time <= ComputeTarget;
        table.Add(
            budget,
            probe,
            configuration is null ? "untuned selection" : configuration.Name,
            Format.Ratio3(regrets.Average()),
            Format.Ratio3(Stats.GeometricMean(regrets)),
            Format.Ratio(regrets.Max()),
            Format.Ratio3(steps),
            Format.Ratio3(time),
            Format.Met(met));
    }

    private static void AddLotoRow(MarkdownTable table, string budget, string probe, TuneRecord[] records)
    {
        var folds = LeaveOneTaskOut.Run(records, ComputeTarget);
        var heldOut = folds.SelectMany(f => f.HeldOut).ToArray();
        string chosen = string.Join(", ", folds.GroupBy(f => f.Chosen).OrderByDescending(g => g.Count()).Select(g => Format.Invariant($"{g.Key?.Name ?? "—"} ({g.Count()})")));
        var best = LeaveOneTaskOut.Choose(records, ComputeTarget);
        table.Add(budget, probe, Summary(heldOut), chosen, best?.Name ?? "—", Summary(records.Where(r => r.Configuration == best).ToArray()));
    }

    private static string Summary(TuneRecord[] records)
    {
        if (records.Length == 0)
        {
            return "—";
        }

        var regrets = records.Select(r => r.Regret).ToArray();
        return $"{Format.Ratio3(regrets.Average())} / {Format.Ratio3(Stats.GeometricMean(regrets))} / {Format.Ratio(regrets.Max())}";
    }
}
