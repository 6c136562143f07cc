using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Cost;
using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.LrFinder.Benchmarks.Tuning;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks;

/// <summary>
/// The benchmark harness: <c>./build.sh bench</c> (quick) or <c>./build.sh bench --full</c>. Prints progress and the results,
/// and writes the results as markdown into docs/benchmarks.md between the markers of its mode.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: ./build.sh bench [--full] [--only SECTIONS] [--seeds N] [--grid N] [--threads N] [--output PATH | --no-write]
                                [--save-runs DIR]
               ./build.sh bench check TASK:RATE:BUDGET …   (train once, seed 1; held-out loss and accuracy; BUDGET one-cycle or constant)
          --full         the whole suite (5 seeds, 25 grid points, every task but the pretrained ResNet18 and MiniLM ones, 200 leak
                         sweeps); default: the quick run
                         (1 seed, 13 grid points, 3 tasks, 50 leak sweeps)
          --only         comma-separated sections: overhead, snapshot, leaks, earlystop, regret, record
                         (record: with --save-runs, only sweeps (50, 100, 200 iterations) and grids under both budgets, saved
                         for replay; nothing is trained at a suggestion and no markdown is written; 8 seeds, 43 grid points
                         from 1e-6 to 1e1, every TorchSharp task but the pretrained ResNet18 and MiniLM ones)
          --tasks        comma-separated regret tasks (the *-resnet18-* and *-minilm-* ones run only when named): TASKS
          --seeds N      seeds 1..N of the regret suite (and of the record section)
          --grid N       grid points from 1e-5 to 1e1 (record section: from 1e-6 to 1e1)
          --save-runs DIR  write every (task, seed) as DIR/<task>.s<seed>.json (raw sweep curves, grid losses per budget)
          --threads N    libtorch intra-op threads (default: 1)
          --trainer-rounds N  rounds of the TextClassification overhead (with --tasks detox-textclassification or --full;
                         default 5, full run 12)
          --output PATH  markdown file to write (default: docs/benchmarks.md of this repository)
          --no-write     print only
        """;

    public static int Main(string[] args)
    {
        string usage = Usage.Replace("TASKS", string.Join(", ", TaskCatalog.Named().Select(t => t.Name).Append(BenchmarkSettings.TextClassificationTaskName)), StringComparison.Ordinal);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.OutputEncoding = Encoding.UTF8;
        if (args.Length > 0 && args[0] == "check")
        {
            return LearningCheck.Run(args[1..], Console.Out);
        }

        if (args.Length > 0 && args[0] == "replay")
        {
            return Replay.ReplayCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "tune")
        {
            return Tuning.TuneCommand.Run(args[1..]);
        }

        BenchmarkSettings? settings;
        try
        {
            settings = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(usage);
            return 2;
        }

        if (settings is null)
        {
            Console.WriteLine(usage);
            return 0;
        }

        return Run(settings, args);
    }

    private static int Run(BenchmarkSettings settings, string[] args)
    {
        var clock = Stopwatch.StartNew();
        var machine = MachineInfo.Current();
        var log = Console.Out;
        log.WriteLine($"LR finder benchmarks ({settings.ModeName}) on {machine.Describe()}");
        var body = new StringBuilder();
        var failures = new List<string>();

        if (settings.Runs("overhead"))
        {
            Guarded("overhead", body, log, failures, () =>
            {
                log.WriteLine("Overhead …");
                var results = new List<OverheadResult>();
                foreach (var task in new[] { TaskCatalog.DigitsMlp(), TaskCatalog.DigitsCnn() })
                {
                    var result = OverheadBenchmark.Run(task, settings.OverheadRounds, settings.OverheadSteps);
                    log.WriteLine(Format.Invariant($"  {result.Model}: plain {Format.Ms(result.PlainStepMs)}, sweep {Format.Ms(result.SweepIterationMs)}, ratio {Format.Ratio3(result.Ratio)} (IQR {Format.Ratio3(result.RatioLow)}–{Format.Ratio3(result.RatioHigh)}, fastest {Format.Ratio3(result.RatioOfFastest)})"));
                    results.Add(result);
                }

                if (settings.IncludeTextClassification)
                {
                    var result = TrainerOverheadBenchmark.Run(settings.TrainerOverheadRounds);
                    log.WriteLine(Format.Invariant($"  {result.Model}: plain {Format.Ms(result.PlainStepMs)}, sweep {Format.Ms(result.SweepIterationMs)}, ratio {Format.Ratio3(result.Ratio)} (IQR {Format.Ratio3(result.RatioLow)}–{Format.Ratio3(result.RatioHigh)}, fastest {Format.Ratio3(result.RatioOfFastest)})"));
                    results.Add(result);
                }

                body.AppendLine(CostReport.Overhead(results));
                return results.Where(r => r.Ratio > OverheadResult.Target).Select(r => Format.Invariant($"{r.Model}: sweep overhead {Format.Ratio3(r.Ratio)} > {OverheadResult.Target:0.00}"));
            });
        }

        if (settings.Runs("snapshot"))
        {
            Guarded("snapshot", body, log, failures, () =>
            {
                log.WriteLine("Snapshot and restore …");
                var result = SnapshotBenchmark.Run(settings.SnapshotRepetitions);
                log.WriteLine(Format.Invariant($"  {result.Parameters:N0} parameters: step {Format.Ms(result.StepMs)}, snapshot {Format.Ms(result.SnapshotMs)}, restore {Format.Ms(result.RestoreMs)} (×{Format.Ratio(result.TimeRatio)}); {Format.MiB(result.SnapshotBytes)} of {Format.MiB(result.StateBytes)} (×{Format.Ratio(result.BytesRatio)})"));
                body.AppendLine(CostReport.Snapshot(result));
                return result.MissedTargets();
            });
        }

        if (settings.Runs("leaks"))
        {
            Guarded("leaks", body, log, failures, () =>
            {
                log.WriteLine(Format.Invariant($"Leaks ({settings.LeakSweeps} sweeps) …"));
                var result = LeakBenchmark.Run(settings.LeakSweeps);
                log.WriteLine(Format.Invariant($"  live tensors {result.TensorsBefore} → {result.TensorsAfter} (control {result.ControlGrowth:+0;-0;0}, thread {result.ThreadLiveGrowth:+0;-0;0}); RSS {Format.MiB(result.RssBefore)} → {Format.MiB(result.RssAfter)} ({Format.Percent(result.RssGrowth)})"));
                body.AppendLine(CostReport.Leaks(result));
                return result.MissedTargets();
            });
        }

        if (settings.Runs("earlystop"))
        {
            Guarded("earlystop", body, log, failures, () =>
            {
                log.WriteLine("Early stop …");
                var results = EarlyStopBenchmark.Run();
                foreach (var result in results)
                {
                    log.WriteLine(Format.Invariant($"  {result.Curve}: {result.Run}/{result.Requested} ({result.StopReason})"));
                }

                body.AppendLine(CostReport.EarlyStop(results));
                return []; // reported, no target
            });
        }

        if (settings.Runs("regret"))
        {
            Guarded("regret", body, log, failures, () =>
            {
                var tasks = RegretTasks(settings);
                var grid = GridSearch.LogSpaced(settings.GridStart, settings.GridEnd, settings.GridCount);
                var methods = LrSuggestionMethods.All;
                log.WriteLine(Format.Invariant($"Regret: {tasks.Count} tasks, up to {settings.Seeds.Count} seeds × {grid.Length} grid points …"));
                RegretPlan Plan(IRegretTask task) => task is TextClassificationTask
                    ? new(settings.Seeds.Take(settings.TextClassificationSeeds).ToArray(), grid.Where((_, i) => i % Math.Max(1, (grid.Length - 1) / (settings.TextClassificationGridPoints - 1)) == 0).ToArray(), SweepLengths: false)
                    : new(settings.Seeds, grid);
                var failedRuns = new List<string>();
                var runs = RegretBenchmark.Run(tasks, Plan, methods, log, failedRuns, settings.SaveRunsDirectory);
                body.AppendLine(RegretReport.Build(tasks, runs, methods, Plan));
                body.Append(TuneReport.Build(runs));
                if (failedRuns.Count > 0)
                {
                    body.AppendLine("**Runs that failed and were skipped:**");
                    body.AppendLine();
                    failedRuns.ForEach(f => body.AppendLine($"- {f}"));
                    body.AppendLine();
                }

                return failedRuns.Select(f => "a run failed: " + f).Concat(RegretReport.MissedTargets(runs));
            });
        }

        if (settings.Runs("record"))
        {
            Guarded("record", body, log, failures, () =>
            {
                var failedRuns = new List<string>();
                var tasks = RecordTasks(settings);
                var grid = GridSearch.LogSpaced(settings.RecordGridStart, settings.GridEnd, settings.RecordGridCount);
                RunRecorder.Run(tasks, settings.RecordSeeds, grid, settings.SaveRunsDirectory!, log, failedRuns);
                body.AppendLine(Format.Invariant($"Recorded {tasks.Count} tasks × {settings.RecordSeeds.Count} seeds into `{settings.SaveRunsDirectory}`; {failedRuns.Count} failed."));
                failedRuns.ForEach(f => body.AppendLine($"- {f}"));
                return failedRuns.Select(f => "a run failed: " + f);
            });
        }

        var header = new StringBuilder();
        header.AppendLine(Format.Invariant($"## Results: {settings.ModeName} run"));
        header.AppendLine();
        header.AppendLine(Format.Invariant($"- Command: `./build.sh bench{(args.Length > 0 ? " " + string.Join(' ', args) : string.Empty)}`"));
        header.AppendLine(Format.Invariant($"- Machine: {machine.Describe()}"));
        header.AppendLine(Format.Invariant($"- Date: {machine.Date:yyyy-MM-dd HH:mm} UTC; the run took {clock.Elapsed.TotalMinutes:0.0} min"));
        header.AppendLine();
        if (failures.Count > 0)
        {
            header.AppendLine(Format.Invariant($"**Failed: {failures.Count} section result(s) threw or missed a target** (the command exited with 1):"));
            header.AppendLine();
            failures.ForEach(f => header.AppendLine($"- {f}"));
            header.AppendLine();
        }

        string markdown = header.ToString() + body;

        log.WriteLine();
        log.WriteLine(markdown);
        if (settings.OutputPath is { } path)
        {
            ReportFile.WriteSection(path, settings.ModeName, markdown);
            log.WriteLine($"Written to {path}");
        }

        if (failures.Count == 0)
        {
            return 0;
        }

        Console.Error.WriteLine(Format.Invariant($"benchmarks FAILED ({failures.Count}):"));
        failures.ForEach(f => Console.Error.WriteLine("  " + f));
        return 1;
    }

    /// <summary>
    /// Runs one section and records in <paramref name="failures"/>, under the section's name, each target it missed (what
    /// <paramref name="run"/> returns) or the exception it threw. A failed section is printed and written into the results in
    /// its place, and the other sections still run (a native error in one sweep must not cost the figures of the rest of a
    /// 20-minute run); the run then exits with 1.
    /// </summary>
    private static void Guarded(string section, StringBuilder body, TextWriter log, List<string> failures, Func<IEnumerable<string>> run)
    {
        try
        {
            foreach (string missed in run())
            {
                log.WriteLine($"  {section} MISSED A TARGET: {missed}");
                failures.Add($"{section}: {missed}");
            }
        }
#pragma warning disable CA1031 // The harness reports any failure of a section instead of losing the whole run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            string message = e.Message.Split('\n')[0];
            log.WriteLine($"  {section} FAILED: {e.GetType().Name}: {message}");
            log.WriteLine(e.StackTrace);
            body.AppendLine(Format.Invariant($"### {section}: failed"));
            body.AppendLine(Format.Invariant($"The section threw `{e.GetType().Name}`: {message}"));
            body.AppendLine();
            failures.Add($"{section}: threw {e.GetType().Name}: {message}");
        }
    }

    private static List<IRegretTask> RegretTasks(BenchmarkSettings settings)
    {
        var all = new List<IRegretTask>(settings.Tasks is null ? TaskCatalog.All() : TaskCatalog.Named());
        if (settings.IncludeTextClassification)
        {
            all.Add(new TextClassificationTask());
        }

        return settings.Tasks is null ? all : all.Where(t => settings.Tasks.Contains(t.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>
    /// The record section's tasks: every task of <see cref="TaskCatalog.All"/> (or those of <c>--tasks</c>); TextClassification
    /// and the pretrained-network tasks only when named, as their steps cost seconds or a good part of one.
    /// </summary>
    private static List<IRegretTask> RecordTasks(BenchmarkSettings settings)
    {
        if (settings.ExplicitTasks is null)
        {
            return [.. TaskCatalog.All()];
        }

        var all = new List<IRegretTask>(TaskCatalog.Named());
        all.Add(new TextClassificationTask());
        return all.Where(t => settings.ExplicitTasks.Contains(t.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The settings the arguments ask for; null for --help.</summary>
    private static BenchmarkSettings? Parse(string[] args)
    {
        bool full = false, noWrite = false;
        string? output = null, only = null, tasks = null, saveRuns = null;
        int? seeds = null, grid = null, threads = null, trainerRounds = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.");
            switch (args[i])
            {
                case "--full": full = true; break;
                case "--quick": full = false; break;
                case "--no-write": noWrite = true; break;
                case "--output": output = Value(); break;
                case "--only": only = Value(); break;
                case "--tasks": tasks = Value(); break;
                case "--save-runs": saveRuns = Value(); break;
                case "--seeds": seeds = Count(); break;
                case "--grid": grid = Count(); break;
                case "--threads": threads = Count(); break;
                case "--trainer-rounds": trainerRounds = Count(); break;
                case "-h" or "--help": return null;
                default: throw new ArgumentException($"unknown argument '{args[i]}'.");
            }
        }

        string? path = noWrite ? null : output ?? ReportFile.DefaultPath();
        var settings = full ? BenchmarkSettings.FullSuite(path) : BenchmarkSettings.Quick(path);
        if (only is not null)
        {
            var sections = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = sections.Where(s => !BenchmarkSettings.KnownSections.Contains(s, StringComparer.OrdinalIgnoreCase)).ToArray();
            if (unknown.Length > 0)
            {
                throw new ArgumentException($"unknown section '{unknown[0]}'; use {string.Join(", ", BenchmarkSettings.KnownSections)}.");
            }

            // A recording alone leaves docs/benchmarks.md alone: its product is the saved runs, not tables.
            bool recordOnly = sections.All(s => s.Equals("record", StringComparison.OrdinalIgnoreCase));
            settings = settings.With(sections: sections, noOutput: recordOnly && output is null);
        }

        if (saveRuns is not null)
        {
            settings = settings.With(saveRunsDirectory: Path.GetFullPath(saveRuns));
        }

        if (settings.Runs("record") && settings.SaveRunsDirectory is null)
        {
            throw new ArgumentException("--only record needs --save-runs DIR.");
        }

        if (tasks is not null)
        {
            settings = settings.With(tasks: tasks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        if (seeds is { } n)
        {
            settings = settings.With(seeds: Enumerable.Range(1, n).ToArray());
        }

        if (grid is { } g)
        {
            if (g < 2)
            {
                throw new ArgumentException("--grid needs at least 2 points.");
            }

            settings = settings.With(gridCount: g);
        }

        if (trainerRounds is { } r)
        {
            settings = settings.With(trainerOverheadRounds: r);
        }

        // One intra-op thread by default: on a 2-core machine shared with other jobs, libtorch's second thread spin-waits
        // for a core and made the small models' steps ~5× slower and far noisier (measured). Ratios are what is reported.
        set_num_threads(threads ?? 1);

        return settings;
    }
}
