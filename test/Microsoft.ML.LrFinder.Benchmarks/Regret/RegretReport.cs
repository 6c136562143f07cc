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

    /// <summary>
    /// A method's summary over a set of records: arithmetic mean, geometric mean and worst regret over the runs where it made a
    /// suggestion. The geometric mean is the average of ratios that does not let one large ratio stand for the whole suite.
    /// </summary>
    public static (double Mean, double GeoMean, double Worst, int Failures, int Diverged, double LrRatio, int Count) Summarise(IReadOnlyCollection<RegretRecord> records)
    {
        var suggested = records.Where(r => !r.Failed).ToArray();
        double mean = suggested.Length == 0 ? double.NaN : suggested.Average(r => r.Regret);
        double geoMean = suggested.Length == 0 ? double.NaN : Stats.GeometricMean(suggested.Select(r => r.Regret));
        double worst = suggested.Length == 0 ? double.NaN : suggested.Max(r => r.Regret);
        double lrRatio = suggested.Length == 0 ? double.NaN : Stats.GeometricMean(suggested.Select(r => r.LearningRateRatio));
        return (mean, geoMean, worst, records.Count - suggested.Length, suggested.Count(r => double.IsPositiveInfinity(r.Regret)), lrRatio, records.Count);
    }

    private static bool MeetsTargets((double Mean, double GeoMean, double Worst, int Failures, int Diverged, double LrRatio, int Count) summary) =>
        summary.Mean <= MeanTarget && summary.Worst <= WorstTarget && summary.Failures == 0;

    /// <summary>The test-loss ratio at the grid point nearest to <paramref name="learningRate"/> in log space.</summary>
    private static double GridRegret(GridResult grid, double learningRate) =>
        grid.Outcomes.MinBy(o => Math.Abs(Math.Log(o.LearningRate / learningRate)))!.TestLoss / grid.Oracle.TestLoss;

    /// <summary>The budgets present in <paramref name="runs"/>, in the order they first appear.</summary>
    private static string[] Budgets(IEnumerable<SeedRun> runs) => runs.Select(r => r.Budget).Distinct().ToArray();

    /// <summary>
    /// The default method's missed targets, one per budget where it missed them (mean ≤ <see cref="MeanTarget"/>, worst ≤
    /// <see cref="WorstTarget"/>, a suggestion on every run): what makes the benchmark fail.
    /// </summary>
    public static IEnumerable<string> MissedTargets(IReadOnlyList<SeedRun> runs)
    {
        var selector = new LrFinderOptions().Selector ?? LrSuggestionMethods.LagFree;
        var records = runs.SelectMany(r => r.Records).Where(r => r.Method == selector.Name).ToArray();
        foreach (string budget in Budgets(runs))
        {
            var s = Summarise(records.Where(r => r.Budget == budget).ToArray());
            if (s.Count > 0 && !MeetsTargets(s))
            {
                yield return Format.Invariant(
                    $"{selector.Name} on the {budget} budget: mean regret {Format.Ratio3(s.Mean)} (target ≤ {MeanTarget:0.00}), worst {Format.Ratio(s.Worst)} (≤ {WorstTarget:0.0}), {s.Failures}/{s.Count} without a suggestion (0)");
            }
        }
    }

    public static string Build(IReadOnlyList<IRegretTask> tasks, IReadOnlyList<SeedRun> runs, IReadOnlyList<ILrSuggestionMethod> methods, Func<IRegretTask, RegretPlan> plan)
    {
        var text = new StringBuilder();
        var records = runs.SelectMany(r => r.Records).ToArray();

        text.AppendLine("### Suite");
        text.AppendLine(Format.Invariant(
            $"Grid: learning rates log-spaced from {Format.Lr(plan(tasks[0]).Grid[0])} to {Format.Lr(plan(tasks[0]).Grid[^1])} (the count per task below), trained under each budget; each seed has its own train / validation / test split, initial weights and batch order. The oracle is the grid point with the lowest validation loss; every regret is a ratio of test losses. Sweep: the finder's defaults ({Format.Lr(LrFinderDefaults.StartLearningRate)} → {Format.Lr(LrFinderDefaults.EndLearningRate)}, {LrFinderDefaults.NumberOfIterations} iterations, stop at {LrFinderDefaults.DivergenceThreshold}× the best smoothed loss) with the task's own optimizer and batches; every method reads the same curve."));
        text.AppendLine();
        var suite = new MarkdownTable("task", "source", "model and data", "budget", "steps", "held-out loss", "seeds", "grid");
        foreach (var task in tasks)
        {
            int steps = runs.FirstOrDefault(r => r.Task == task.Name)?.Grid.BudgetSteps ?? 0;
            var (seeds, grid, _) = plan(task);
            suite.Add(
                task.Name, task.Source, task.Description, task.Budget, steps.ToString(System.Globalization.CultureInfo.InvariantCulture), task.LossName,
                seeds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), grid.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        suite.AlignRight(4, 6, 7);
        text.AppendLine(suite.ToString());

        var budgets = Budgets(runs);
        text.AppendLine("### Regret per method and budget (all tasks and seeds)");
        text.AppendLine(Format.Invariant(
            $"Regret = final test loss when trained at the method's suggestion ÷ final test loss at the oracle (the grid point with the lowest validation loss), under the same budget. Mean, geometric mean and worst are over the runs where the method made a suggestion; ∞ = training at the suggestion diverged. LR ratio = geometric mean of suggestion ÷ oracle learning rate (below 1: too cautious). Targets for the default method, on each budget: mean ≤ {MeanTarget:0.00}, worst ≤ {WorstTarget:0.0}, better than valley."));
        text.AppendLine();
        var overall = new MarkdownTable("budget", "method", "mean regret", "geometric mean", "worst regret", "no suggestion", "diverged", "LR ratio", "meets targets");
        foreach (string budget in budgets)
        {
            var inBudget = records.Where(r => r.Budget == budget).ToArray();
            var valley = Summarise(inBudget.Where(r => r.Method == LrSuggestionMethods.Valley.Name).ToArray());
            foreach (var method in methods)
            {
                var s = Summarise(inBudget.Where(r => r.Method == method.Name).ToArray());
                bool met = MeetsTargets(s);
                overall.Add(
                    budget, method.Name, Format.Ratio3(s.Mean), Format.Ratio3(s.GeoMean), Format.Ratio(s.Worst), $"{s.Failures}/{s.Count}",
                    s.Diverged.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Ratio(s.LrRatio),
                    Format.Met(met) + (method == LrSuggestionMethods.Valley ? string.Empty : s.Mean < valley.Mean ? ", beats valley" : ", not better than valley"));
            }
        }

        overall.AlignRight(2, 3, 4, 5, 6, 7);
        text.AppendLine(overall.ToString());

        text.AppendLine("### Regret per task, budget and method");
        text.AppendLine("Each cell: mean / geometric mean / worst regret (LR ratio); `n/a×k` = k seeds without a suggestion.");
        text.AppendLine();
        var perTask = new MarkdownTable(["task", "budget", .. methods.Select(m => m.Name)]);
        foreach (var task in tasks)
        {
            foreach (string budget in budgets)
            {
                var inCell = records.Where(r => r.Task == task.Name && r.Budget == budget).ToArray();
                if (inCell.Length == 0)
                {
                    continue;
                }

                var cells = new List<string> { task.Name, budget };
                foreach (var method in methods)
                {
                    var s = Summarise(inCell.Where(r => r.Method == method.Name).ToArray());
                    string cell = Format.Invariant($"{Format.Ratio(s.Mean)} / {Format.Ratio(s.GeoMean)} / {Format.Ratio(s.Worst)} (×{Format.Ratio(s.LrRatio)})");
                    cells.Add(s.Failures > 0 ? Format.Invariant($"{cell} n/a×{s.Failures}") : cell);
                }

                perTask.Add([.. cells]);
            }
        }

        text.AppendLine(perTask.ToString());

        text.AppendLine("### Oracle and suggestions per task");
        text.AppendLine("Median over seeds. Oracle loss: its test loss. The band: on each seed, the lowest and highest grid learning rates whose test loss is within 10% of the oracle's; the medians of those bounds. Oracle ÷ test-best: the oracle's test loss ÷ the lowest test loss on the grid, mean / worst over seeds — how far choosing on validation lands from the test split's best point, the noise floor of a regret on that task.");
        text.AppendLine();
        var oracleTable = new MarkdownTable(["task", "budget", "oracle LR", "oracle loss", "oracle ÷ test-best", "band ≤ 1.10", .. methods.Select(m => m.Name)]);
        foreach (var (task, budget) in tasks.SelectMany(t => budgets.Select(b => (t, b))))
        {
            var taskRuns = runs.Where(r => r.Task == task.Name && r.Budget == budget).ToArray();
            if (taskRuns.Length == 0)
            {
                continue;
            }

            // Each seed's band: the grid learning rates whose test loss is within 10% of that seed's oracle.
            var bands = taskRuns
                .Select(r => r.Grid.Outcomes.Where(o => o.TestLoss <= r.Grid.Oracle.TestLoss * MeanTarget).Select(o => o.LearningRate).DefaultIfEmpty(r.Grid.Oracle.LearningRate).ToArray())
                .ToArray();
            var floors = taskRuns.Select(r => r.Grid.Oracle.TestLoss / r.Grid.Outcomes.Min(o => o.TestLoss)).ToArray();
            var cells = new List<string>
            {
                task.Name,
                budget,
                Format.Lr(Stats.Median(taskRuns.Select(r => r.Grid.Oracle.LearningRate))),
                Format.Loss(Stats.Median(taskRuns.Select(r => r.Grid.Oracle.TestLoss))),
                $"{Format.Ratio(floors.Average())} / {Format.Ratio(floors.Max())}",
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
            // One sweep serves every budget, so each (task, seed) counts once: against its first budget's grid.
            var taskRuns = runs.Where(r => r.Task == task.Name && r.Budget == budgets[0]).ToArray();
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
        text.AppendLine("Not trained: the test-loss regret read off the grid at the grid point nearest (in log space) to the suggestion × factor, so ×1 shows how close the grid reading is to the trained regret above. Mean / geometric mean / worst over all tasks and seeds of the budget.");
        text.AppendLine();
        double[] factors = [0.3, 0.5, 1, 2, 3, 5, 10];
        var whatIf = new MarkdownTable(["budget", "method", .. factors.Select(f => Format.Invariant($"×{f}"))]);
        foreach (string budget in budgets)
        {
            foreach (var method in methods)
            {
                var cells = new List<string> { budget, method.Name };
                foreach (double factor in factors)
                {
                    var regrets = runs
                        .Where(run => run.Budget == budget)
                        .SelectMany(run => run.Records.Where(r => r.Method == method.Name && !r.Failed).Select(r => (run, r)))
                        .Select(pair => GridRegret(pair.run.Grid, pair.r.SuggestedLearningRate!.Value * factor))
                        .ToArray();
                    cells.Add(regrets.Length == 0 ? "—" : $"{Format.Ratio(regrets.Average())} / {Format.Ratio(Stats.GeometricMean(regrets))} / {Format.Ratio(regrets.Max())}");
                }

                whatIf.Add([.. cells]);
            }
        }

        whatIf.AlignRight(Enumerable.Range(2, factors.Length).ToArray());
        text.AppendLine(whatIf.ToString());

        text.AppendLine("### Sweep length: 50, 100 and 200 iterations");
        text.AppendLine("Not trained: the test-loss regret read off the grid (nearest grid point in log space) at each method's suggestion from a sweep of that many iterations, the finder's defaults otherwise; the same seeds and initial weights. Mean / geometric mean / worst over all tasks and seeds of the budget (TorchSharp tasks: the trainer task is swept at 100 iterations only); `n/a×k` = k runs without a suggestion.");
        text.AppendLine();
        var lengths = RunRecorder.SweepLengths.Order().ToArray();
        var lengthTable = new MarkdownTable(["budget", "method", .. lengths.Select(n => Format.Invariant($"{n} iterations"))]);
        foreach (string budget in budgets)
        {
            foreach (var method in methods)
            {
                var cells = new List<string> { budget, method.Name };
                foreach (int length in lengths)
                {
                    var pairs = runs
                        .Where(run => run.Budget == budget && run.LengthSweeps.Count == lengths.Length)
                        .Select(run => (run.Grid, Lr: run.LengthSweeps.FirstOrDefault(s => s.Curve.RequestedIterations == length)?.Suggestions.FirstOrDefault(s => s.Method == method.Name)?.LearningRate))
                        .ToArray();
                    var regrets = pairs.Where(p => p.Lr is not null).Select(p => GridRegret(p.Grid, p.Lr!.Value)).ToArray();
                    int missing = pairs.Length - regrets.Length;
                    string cell = regrets.Length == 0 ? "—" : $"{Format.Ratio(regrets.Average())} / {Format.Ratio(Stats.GeometricMean(regrets))} / {Format.Ratio(regrets.Max())}";
                    cells.Add(missing > 0 ? Format.Invariant($"{cell} n/a×{missing}") : cell);
                }

                lengthTable.Add([.. cells]);
            }
        }

        lengthTable.AlignRight(Enumerable.Range(2, lengths.Length).ToArray());
        text.AppendLine(lengthTable.ToString());

        text.AppendLine("<details><summary>Every (task, budget, seed): the oracle (LR, test loss), the sweep, and each method's suggestion and regret</summary>");
        text.AppendLine();
        var detail = new MarkdownTable(["task", "budget", "seed", "oracle LR (loss)", "sweep", .. methods.Select(m => m.Name)]);
        foreach (var run in runs)
        {
            var cells = new List<string>
            {
                run.Task,
                run.Budget,
                run.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{Format.Lr(run.Grid.Oracle.LearningRate)} ({Format.Loss(run.Grid.Oracle.TestLoss)})",
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
