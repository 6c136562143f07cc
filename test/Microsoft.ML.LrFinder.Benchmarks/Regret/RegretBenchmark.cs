using System.Diagnostics;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>
/// The regret benchmark: per task and seed, the brute-force grid (the oracle), one LR-finder sweep with every suggestion
/// method, and the full training budget at each method's suggestion.
/// </summary>
internal static class RegretBenchmark
{
    public static IReadOnlyList<SeedRun> Run(
        IReadOnlyList<IRegretTask> tasks,
        Func<IRegretTask, RegretPlan> plan,
        IReadOnlyList<ILrSuggestionMethod> methods,
        TextWriter log,
        List<string> failures)
    {
        // Warm-up, not recorded: the first sweep and the first training run of a process pay for the JIT, which on these small
        // models would weigh on the compute ratio.
        if (tasks.Count > 0)
        {
            var first = plan(tasks[0]);
            using var warmUp = tasks[0].Open(first.Seeds[0]);
            warmUp.Train(first.Grid[0]);
            warmUp.Sweep(new LrFinderOptions { SuggestionMethods = methods });
        }

        var runs = new List<SeedRun>();
        foreach (var task in tasks)
        {
            var (seeds, grid) = plan(task);
            foreach (int seed in seeds)
            {
                try
                {
                    runs.Add(RunSeed(task, seed, grid, methods, log));
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

    private static SeedRun RunSeed(IRegretTask task, int seed, IReadOnlyList<double> gridRates, IReadOnlyList<ILrSuggestionMethod> methods, TextWriter log)
    {
        using var session = task.Open(seed);
        var grid = GridSearch.Run(session, gridRates);

        // The finder's defaults, as a user would run it; every method reads the same curve.
        var options = new LrFinderOptions { SuggestionMethods = methods, Seed = seed };
        var clock = Stopwatch.StartNew();
        var sweep = session.Sweep(options);
        var sweepElapsed = clock.Elapsed;

        // Methods often agree; a learning rate is trained once per seed.
        var trained = grid.Outcomes.ToDictionary(o => o.LearningRate);
        var records = new List<RegretRecord>();
        foreach (var method in methods)
        {
            var suggestion = sweep.Suggestions.FirstOrDefault(s => s.Method == method.Name);
            double? lr = suggestion?.LearningRate;
            double loss = double.NaN;
            if (lr is { } value)
            {
                if (!trained.TryGetValue(value, out var outcome))
                {
                    outcome = session.Train(value);
                    trained[value] = outcome;
                }

                loss = outcome.ValidationLoss;
            }

            records.Add(new RegretRecord(task.Name, seed, method.Name, lr, loss, grid.Oracle.LearningRate, grid.Oracle.ValidationLoss));
        }

        log.WriteLine(Format.Invariant(
            $"  {task.Name} seed {seed}: oracle {Format.Lr(grid.Oracle.LearningRate)} (loss {Format.Loss(grid.Oracle.ValidationLoss)}), sweep {sweep.IterationsRun} it ({sweep.StopReason}), grid {Format.Seconds(grid.Elapsed)}, sweep {Format.Seconds(sweepElapsed)}"));
        foreach (var record in records)
        {
            log.WriteLine(Format.Invariant($"    {record.Method,-9} {Format.Lr(record.SuggestedLearningRate),-9} loss {Format.Loss(record.ValidationLoss)} regret {Format.Ratio(record.Regret)}"));
        }

        return new SeedRun(task.Name, seed, grid, sweep, sweepElapsed, records);
    }
}
