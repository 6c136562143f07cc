using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Cost;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>The regret benchmark's tables.</summary>
internal static class RegretReport
{
    public const double MeanTarget = 1.10;
    public const double WorstTarget = 1.5;
    public const double ComputeTarget = 0.1;

    /// <summary>A method's summary over a set of records: mean and worst regret over the runs where it made a suggestion.</summary>
    public static (double Mean, double Worst, int Failures, int Diverged, double LrRatio, int Count) Summarise(IReadOnlyCollection<RegretRecord> records)
    {
        var suggested = records.Where(r => !r.Failed).ToArray();
        double mean = suggested.Length == 0 ? double.NaN : suggested.Average(r => r.Regret);
        double worst = suggested.Length == 0 ? double.NaN : suggested.Max(r => r.Regret);
        double lrRatio = suggested.Length == 0 ? double.NaN : Stats.GeometricMean(suggested.Select(r => r.LearningRateRatio));
        return (mean, worst, records.Count - suggested.Length, suggested.Count(r => double.IsPositiveInfinity(r.Regret)), lrRatio, records.Count);
    }

    /// <summary>The loss ratio at the grid point nearest to <paramref name="learningRate"/> in log space.</summary>
    private static double GridRegret(GridResult grid, double learningRate) =>
        grid.Outcomes.MinBy(o => Math.Abs(Math.Log(o.LearningRate / learningRate)))!.ValidationLoss / grid.Oracle.ValidationLoss;

    public static string Build(IReadOnlyList<IRegretTask> tasks, IReadOnlyList<SeedRun> runs, IReadOnlyList<ILrSuggestionMethod> methods, Func<IRegretTask, RegretPlan> plan)
    {
        var text = new StringBuilder();
        var records = runs.SelectMany(r => r.Records).ToArray();

        text.AppendLine("### Suite");
        text.AppendLine(Format.Invariant(
            $"Grid: learning rates log-spaced from 1e-5 to 1e1 (the count per task below); each seed has its own split, initial weights and batch order. Sweep: the finder's defaults ({Format.Lr(LrFinderDefaults.StartLearningRate)} → {Format.Lr(LrFinderDefaults.EndLearningRate)}, {LrFinderDefaults.NumberOfIterations} iterations, stop at {LrFinderDefaults.DivergenceThreshold}× the best smoothed loss) with the task's own optimizer and batches; every method reads the same curve."));
        text.AppendLine();
        var suite = new MarkdownTable("task", "model and data", "budget", "steps", "validation loss", "seeds", "grid");
        foreach (var task in tasks)
        {
            int steps = runs.FirstOrDefault(r => r.Task == task.Name)?.Grid.BudgetSteps ?? 0;
            var (seeds, grid) = plan(task);
            suite.Add(
                task.Name, task.Description, task.Budget, steps.ToString(System.Globalization.CultureInfo.InvariantCulture), task.LossName,
                seeds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), grid.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        suite.AlignRight(3, 5, 6);
        text.AppendLine(suite.ToString());

        text.AppendLine("### Regret per method (all tasks and seeds)");
        text.AppendLine(Format.Invariant(
            $"Regret = final validation loss when trained at the method's suggestion ÷ the grid's best. Mean and worst are over the runs where the method made a suggestion; ∞ = training at the suggestion diverged. LR ratio = geometric mean of suggestion ÷ oracle learning rate (below 1: too cautious). Targets for the default method: mean ≤ {MeanTarget:0.00}, worst ≤ {WorstTarget:0.0}, better than valley."));
        text.AppendLine();
        var overall = new MarkdownTable("method", "mean regret", "worst regret", "no suggestion", "diverged", "LR ratio", "meets targets");
        var valley = Summarise(records.Where(r => r.Method == LrSuggestionMethods.Valley.Name).ToArray());
        foreach (var method in methods)
        {
            var s = Summarise(records.Where(r => r.Method == method.Name).ToArray());
            bool met = s.Mean <= MeanTarget && s.Worst <= WorstTarget && s.Failures == 0;
            overall.Add(method.Name, Format.Ratio3(s.Mean), Format.Ratio(s.Worst), $"{s.Failures}/{s.Count}", s.Diverged.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Ratio(s.LrRatio), Format.Met(met) + (method == LrSuggestionMethods.Valley ? string.Empty : s.Mean < valley.Mean ? ", beats valley" : ", not better than valley"));
        }

        overall.AlignRight(1, 2, 3, 4, 5);
        text.AppendLine(overall.ToString());

        text.AppendLine("### Regret per task and method");
        text.AppendLine("Each cell: mean / worst regret (LR ratio); `n/a×k` = k seeds without a suggestion.");
        text.AppendLine();
        var perTask = new MarkdownTable(["task", .. methods.Select(m => m.Name)]);
        foreach (var task in tasks)
        {
            var cells = new List<string> { task.Name };
            foreach (var method in methods)
            {
                var s = Summarise(records.Where(r => r.Task == task.Name && r.Method == method.Name).ToArray());
                string cell = Format.Invariant($"{Format.Ratio(s.Mean)} / {Format.Ratio(s.Worst)} (×{Format.Ratio(s.LrRatio)})");
                cells.Add(s.Failures > 0 ? Format.Invariant($"{cell} n/a×{s.Failures}") : cell);
            }

            perTask.Add([.. cells]);
        }

        text.AppendLine(perTask.ToString());

        text.AppendLine("### Oracle and suggestions per task");
        text.AppendLine("Median over seeds. The band: on each seed, the lowest and highest grid learning rates whose loss is within 10% of the oracle's; the medians of those bounds.");
        text.AppendLine();
        var oracleTable = new MarkdownTable(["task", "oracle LR", "oracle loss", "band ≤ 1.10", .. methods.Select(m => m.Name)]);
        foreach (var task in tasks)
        {
            var taskRuns = runs.Where(r => r.Task == task.Name).ToArray();
            if (taskRuns.Length == 0)
            {
                continue;
            }

            // Each seed's band: the grid learning rates whose loss is within 10% of that seed's oracle.
            var bands = taskRuns
                .Select(r => r.Grid.Outcomes.Where(o => o.ValidationLoss <= r.Grid.Oracle.ValidationLoss * MeanTarget).Select(o => o.LearningRate).ToArray())
                .ToArray();
            var cells = new List<string>
            {
                task.Name,
                Format.Lr(Stats.Median(taskRuns.Select(r => r.Grid.Oracle.LearningRate))),
                Format.Loss(Stats.Median(taskRuns.Select(r => r.Grid.Oracle.ValidationLoss))),
                $"{Format.Lr(Stats.Median(bands.Select(b => b.Min())))} … {Format.Lr(Stats.Median(bands.Select(b => b.Max())))}",
            };
            foreach (var method in methods)
            {
                var lrs = taskRuns.SelectMany(r => r.Records).Where(r => r.Method == method.Name && !r.Failed).Select(r => r.SuggestedLearningRate!.Value).ToArray();
                cells.Add(lrs.Length == 0 ? "—" : Format.Lr(Stats.Median(lrs)));
            }

            oracleTable.Add([.. cells]);
        }

        text.AppendLine(oracleTable.ToString());

        text.AppendLine("### Compute: one sweep ÷ the grid");
        text.AppendLine(Format.Invariant($"Steps: sweep iterations run ÷ (grid learning rates × budget steps). Time: wall time of the sweep ÷ wall time of the grid (which stops diverged runs early, so the time ratio is the pessimistic one). Target ≤ {ComputeTarget:0.0}."));
        text.AppendLine();
        var compute = new MarkdownTable("task", "sweep iterations (median)", "grid steps", "step ratio", "time ratio (median)", "met");
        foreach (var task in tasks)
        {
            var taskRuns = runs.Where(r => r.Task == task.Name).ToArray();
            if (taskRuns.Length == 0)
            {
                continue;
            }

            double stepRatio = Stats.Median(taskRuns.Select(r => r.StepRatio));
            double timeRatio = Stats.Median(taskRuns.Select(r => r.TimeRatio));
            compute.Add(
                task.Name,
                Format.Invariant($"{Stats.Median(taskRuns.Select(r => (double)r.Sweep.IterationsRun)):0}"),
                taskRuns[0].Grid.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Format.Ratio3(stepRatio),
                Format.Ratio3(timeRatio),
                Format.Met(stepRatio <= ComputeTarget && timeRatio <= ComputeTarget));
        }

        compute.AlignRight(1, 2, 3, 4);
        text.AppendLine(compute.ToString());

        text.AppendLine("### What if each method's suggestion were scaled?");
        text.AppendLine("Not trained: the regret read off the grid at the grid point nearest (in log space) to the suggestion × factor, so ×1 shows how close the grid reading is to the trained regret above. Mean / worst over all tasks and seeds.");
        text.AppendLine();
        double[] factors = [1, 2, 3, 5, 10];
        var whatIf = new MarkdownTable(["method", .. factors.Select(f => Format.Invariant($"×{f}"))]);
        foreach (var method in methods)
        {
            var cells = new List<string> { method.Name };
            foreach (double factor in factors)
            {
                var regrets = runs
                    .SelectMany(run => run.Records.Where(r => r.Method == method.Name && !r.Failed).Select(r => (run, r)))
                    .Select(pair => GridRegret(pair.run.Grid, pair.r.SuggestedLearningRate!.Value * factor))
                    .ToArray();
                cells.Add(regrets.Length == 0 ? "—" : $"{Format.Ratio(regrets.Average())} / {Format.Ratio(regrets.Max())}");
            }

            whatIf.Add([.. cells]);
        }

        whatIf.AlignRight(Enumerable.Range(1, factors.Length).ToArray());
        text.AppendLine(whatIf.ToString());

        text.AppendLine("<details><summary>Every (task, seed): the oracle, the sweep, and each method's suggestion and regret</summary>");
        text.AppendLine();
        var detail = new MarkdownTable(["task", "seed", "oracle LR (loss)", "sweep", .. methods.Select(m => m.Name)]);
        foreach (var run in runs)
        {
            var cells = new List<string>
            {
                run.Task,
                run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{Format.Lr(run.Grid.Oracle.LearningRate)} ({Format.Loss(run.Grid.Oracle.ValidationLoss)})",
                Format.Invariant($"{run.Sweep.IterationsRun} it, {run.Sweep.StopReason}"),
            };
            foreach (var method in methods)
            {
                var record = run.Records.FirstOrDefault(r => r.Method == method.Name);
                cells.Add(record is null || record.Failed ? "—" : $"{Format.Lr(record.SuggestedLearningRate)}: {Format.Ratio(record.Regret)}");
            }

            detail.Add([.. cells]);
        }

        text.AppendLine(detail.ToString());
        text.AppendLine("</details>");
        return text.ToString();
    }
}
