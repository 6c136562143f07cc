using System.Diagnostics;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>
/// The record mode (<c>--only record --save-runs DIR</c>): per (task, seed), sweeps of every length in
/// <see cref="SweepLengths"/> and the grid under every budget, written by <see cref="RunRecordWriter"/> as soon as the seed
/// finishes. Nothing is trained at a suggestion: the rules are scored later, by replaying these files.
/// </summary>
internal static class RunRecorder
{
    /// <summary>
    /// The sweep lengths recorded, the default first: whether 50 iterations keep the suggestions' quality decides whether an
    /// ML.NET trainer sweep (seconds per step) can be made cheaper (issue 11, part 5).
    /// </summary>
    public static IReadOnlyList<int> SweepLengths { get; } = [LrFinderDefaults.NumberOfIterations, 50, 200];

    /// <summary>A sweep with the finder's defaults except its length (and the methods it runs), seeded as the (task, seed) is.</summary>
    public static LrFinderResult Sweep(IRegretSession session, int seed, int iterations, IReadOnlyList<ILrSuggestionMethod>? methods = null) =>
        session.Sweep(new LrFinderOptions { NumberOfIterations = iterations, Seed = seed, SuggestionMethods = methods });

    /// <summary>The sweeps of every length in <see cref="SweepLengths"/>, reusing <paramref name="defaultSweep"/> for the default length.</summary>
    public static IReadOnlyList<LrFinderResult> Sweeps(
        IRegretSession session, int seed, LrFinderResult? defaultSweep = null, IReadOnlyList<ILrSuggestionMethod>? methods = null) => SweepLengths
        .Select(n => n == LrFinderDefaults.NumberOfIterations && defaultSweep is not null ? defaultSweep : Sweep(session, seed, n, methods))
        .ToArray();

    /// <summary>
    /// Records every (task, seed) into <paramref name="directory"/>; a (task, seed) whose file is already there is skipped
    /// (a recording is deterministic, so an interrupted recording resumes where it stopped); a failed seed is logged,
    /// added to <paramref name="failures"/> and skipped.
    /// </summary>
    public static void Run(
        IReadOnlyList<IRegretTask> tasks,
        IReadOnlyList<int> seeds,
        IReadOnlyList<double> grid,
        string directory,
        TextWriter log,
        List<string> failures)
    {
        log.WriteLine(Format.Invariant($"Recording {tasks.Count} tasks × {seeds.Count} seeds × {grid.Count} grid points into {directory} …"));
        foreach (var task in tasks)
        {
            var taskClock = Stopwatch.StartNew();
            foreach (int seed in seeds)
            {
                if (File.Exists(Path.Combine(directory, RunRecordWriter.FileName(task.Name, seed))))
                {
                    log.WriteLine(Format.Invariant($"  {task.Name} seed {seed}: already recorded in {directory}, skipped"));
                    continue;
                }

                try
                {
                    RecordSeed(task, seed, grid, directory, log);
                }
#pragma warning disable CA1031 // One failed (task, seed) is reported and skipped; the other files are still written.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    string message = $"{task.Name} seed {seed}: {e.GetType().Name}: {e.Message.Split('\n')[0]}";
                    log.WriteLine($"  {message} — FAILED and skipped");
                    failures.Add(message);
                }
            }

            log.WriteLine(Format.Invariant($"  {task.Name}: {seeds.Count} seeds in {Format.Seconds(taskClock.Elapsed)}"));
        }
    }

    private static void RecordSeed(IRegretTask task, int seed, IReadOnlyList<double> grid, string directory, TextWriter log)
    {
        using var session = task.Open(seed);
        var clock = Stopwatch.StartNew();
        var sweeps = Sweeps(session, seed);
        var sweepElapsed = clock.Elapsed;
        var grids = task.Budgets.Select(budget => GridSearch.Run(session, grid, budget)).ToArray();
        string path = RunRecordWriter.Write(directory, task, seed, sweeps, grids);
        string gridText = string.Join(", ", grids.Select(g => Format.Invariant(
            $"{g.Budget.Name} oracle {Format.Lr(g.Oracle.LearningRate)} (val {Format.Loss(g.Oracle.ValidationLoss)}, test {Format.Loss(g.Oracle.TestLoss)}) {Format.Seconds(g.Elapsed)}")));
        string sweepText = string.Join(", ", sweeps.Select(s => Format.Invariant($"{s.IterationsRun}/{s.Curve.RequestedIterations} {s.StopReason}")));
        log.WriteLine(Format.Invariant($"  {task.Name} seed {seed}: sweeps {sweepText} in {Format.Seconds(sweepElapsed)}; {gridText} → {Path.GetFileName(path)}"));
    }
}
