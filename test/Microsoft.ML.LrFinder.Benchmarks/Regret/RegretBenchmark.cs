using System.Diagnostics;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;
using Microsoft.ML.LrFinder.Benchmarks.Tuning;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>
/// The regret benchmark: per task and seed, one LR-finder sweep with every suggestion method and, under each of the task's
/// budgets, the brute-force grid (the oracle, chosen on validation) and the full training budget at each method's suggestion
/// (scored on test).
/// </summary>
internal static class RegretBenchmark
{
    /// <summary>Runs the suite; with <paramref name="saveRunsDirectory"/>, also writes every (task, seed) as <see cref="RunRecordWriter"/> does.</summary>
    public static IReadOnlyList<SeedRun> Run(
        IReadOnlyList<IRegretTask> tasks,
        Func<IRegretTask, RegretPlan> plan,
        IReadOnlyList<ILrSuggestionMethod> methods,
        TextWriter log,
        List<string> failures,
        string? saveRunsDirectory = null)
    {
        // Warm-up, not recorded: the first sweep and the first training run of a process pay for the JIT, which on these small
        // models would weigh on the compute ratio.
        if (tasks.Count > 0)
        {
            var first = plan(tasks[0]);
            using var warmUp = tasks[0].Open(first.Seeds[0]);
            warmUp.Train(first.Grid[0], tasks[0].Budgets[0]);
            warmUp.Sweep(new LrFinderOptions { SuggestionMethods = methods });
        }

        var runs = new List<SeedRun>();
        foreach (var task in tasks)
        {
            var (seeds, grid, sweepLengths) = plan(task);
            foreach (int seed in seeds)
            {
                try
                {
                    runs.AddRange(RunSeed(task, seed, grid, sweepLengths, methods, log, saveRunsDirectory));
                }
#pragma warning disable CA1031 // One failed (task, seed) is reported and skipped; the suite's other runs still count.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    log.WriteLine($"  {task.Name} seed {seed} FAILED and skipped: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    failures.Add($"{task.Name} seed {seed}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                }
            }
        }

        return runs;
    }

    private static List<SeedRun> RunSeed(
        IRegretTask task,
        int seed,
        IReadOnlyList<double> gridRates,
        bool sweepLengths,
        IReadOnlyList<ILrSuggestionMethod> methods,
        TextWriter log,
        string? saveRunsDirectory)
    {
        using var session = task.Open(seed);

        // The finder's defaults, as a user would run it; every method and every budget reads the same curve, each budget with
        // its own schedule (ScheduleReading), as a user who told the finder how the rate will be used.
        var options = new LrFinderOptions { SuggestionMethods = methods, Seed = seed };
        var clock = Stopwatch.StartNew();
        var sweep = session.Sweep(options);
        var sweepElapsed = clock.Elapsed;

        // The other lengths cost 250 iterations, little beside the grid, and tell whether a shorter sweep keeps the quality.
        IReadOnlyList<LrFinderResult> lengthSweeps = sweepLengths ? RunRecorder.Sweeps(session, seed, sweep, methods) : [sweep];

        // A probe at one (rate, steps, schedule) gives one result whatever the budget it tunes for: one target per probe schedule.
        var probes = new Dictionary<TrainingBudget, SessionProbeTarget>();
        SessionProbeTarget ProbeTarget(TrainingBudget schedule) =>
            probes.TryGetValue(schedule, out var probe) ? probe : probes[schedule] = new SessionProbeTarget(session, schedule);

        var runs = new List<SeedRun>();
        foreach (var budget in task.Budgets)
        {
            var grid = GridSearch.Run(session, gridRates, budget);
            var read = ScheduleReading.For(sweep, budget, task.Epochs);

            // Methods and tuned choices often agree; a learning rate is trained once per seed and budget.
            var trained = grid.Outcomes.ToDictionary(o => o.LearningRate);
            TrainingOutcome TrainedAt(double learningRate)
            {
                if (!trained.TryGetValue(learningRate, out var outcome))
                {
                    outcome = session.Train(learningRate, budget);
                    trained[learningRate] = outcome;
                }

                return outcome;
            }

            var records = new List<RegretRecord>();
            foreach (var method in methods)
            {
                var suggestion = read.Suggestions.FirstOrDefault(s => s.Method == method.Name);
                double? lr = suggestion?.LearningRate;
                double loss = lr is { } value ? TrainedAt(value).TestLoss : double.NaN;

                records.Add(new RegretRecord(task.Name, budget.Name, seed, method.Name, lr, loss, grid.Oracle.LearningRate, grid.Oracle.TestLoss));
            }

            log.WriteLine(Format.Invariant(
                $"  {task.Name} {budget.Name} seed {seed}: oracle {Format.Lr(grid.Oracle.LearningRate)} (val {Format.Loss(grid.Oracle.ValidationLoss)}, test {Format.Loss(grid.Oracle.TestLoss)}), sweep {sweep.IterationsRun} it ({sweep.StopReason}), grid {Format.Seconds(grid.Elapsed)}, sweep {Format.Seconds(sweepElapsed)}"));
            foreach (var record in records)
            {
                log.WriteLine(Format.Invariant($"    {record.Method,-9} {Format.Lr(record.SuggestedLearningRate),-9} test loss {Format.Loss(record.TestLoss)} regret {Format.Ratio(record.Regret)}"));
            }

            var tunes = session.SupportsProbes ? TuneBenchmark.Run(task.Name, seed, read, sweepElapsed, grid, TrainedAt, ProbeTarget) : [];
            foreach (var schedule in tunes.GroupBy(t => t.ProbeSchedule))
            {
                log.WriteLine(Format.Invariant(
                    $"    tune, {schedule.Key} probes: {string.Join(", ", schedule.Select(t => $"{t.Configuration?.Name ?? "untuned"} {Format.Lr(t.ChosenLearningRate)} {Format.Ratio(t.Regret)}"))}"));
            }

            runs.Add(new SeedRun(task.Name, budget.Name, seed, grid, read, sweepElapsed, records)
            {
                LengthSweeps = lengthSweeps.Select(s => ScheduleReading.For(s, budget, task.Epochs)).ToArray(),
                Tunes = tunes,
            });
        }

        if (saveRunsDirectory is not null)
        {
            RunRecordWriter.Write(saveRunsDirectory, task, seed, lengthSweeps, runs.Select(r => r.Grid).ToArray());
        }

        return runs;
    }
}
