using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// <c>./build.sh bench replay DIR [--iterations N] [--write]</c>: re-scores every rule family on recorded runs, with
/// leave-one-source-out (or leave-one-task-out) validation of each family's constants, per budget and with one set of
/// constants for both.
/// </summary>
internal static class ReplayCommand
{
    public const string Usage = """
        usage: ./build.sh bench replay DIR [--iterations N] [--hold-out source|task] [--output PATH | --write | --units CSV]
          DIR            a folder of recorded runs (./build.sh bench --only record --save-runs DIR)
          --iterations N score the sweeps of N iterations (default 100; the recorder keeps 50, 100 and 200)
          --hold-out     what validation leaves out together: a whole data source (default) or one task
          --write        write the tables into docs/benchmarks.md (section "replay"); --output PATH writes elsewhere
          --units CSV    instead of the tables, write every (task, seed, budget) with its epochs, steps and the rate each
                         anchor reads (lagfree from the curve alone, the lag-free minimum, halfdrop, fastai's rules, the
                         convergence edge), to explore rules outside the harness
        """;

    public static int Run(string[] args)
    {
        string? folder = null;
        string? output = null;
        string? units = null;
        int iterations = LrFinderDefaults.NumberOfIterations;
        var holdOut = ReplayHoldOut.Source;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--iterations": iterations = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--hold-out": holdOut = Enum.Parse<ReplayHoldOut>(args[++i], ignoreCase: true); break;
                case "--write": output = ReportFile.DefaultPath(); break;
                case "--output": output = args[++i]; break;
                case "--units": units = args[++i]; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default: folder = args[i]; break;
            }
        }

        if (folder is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var runs = RecordedRunReader.ReadFolder(folder);
        if (units is not null)
        {
            ReplayUnitExport.Write(units, runs, iterations);
            return 0;
        }

        var report = new StringBuilder();
        report.AppendLine("## Results: replay of recorded runs");
        report.AppendLine();
        report.AppendLine(Format.Invariant($"- Command: `./build.sh bench replay {string.Join(' ', args)}`"));
        report.AppendLine(Format.Invariant($"- Data: {runs.Count} recorded (task, seed) runs in {runs.Select(r => r.Task).Distinct().Count()} tasks on {runs.Select(r => r.Source).Distinct().Count()} sources: {string.Join(", ", runs.GroupBy(r => r.Task).Select(g => $"{g.Key} ×{g.Count()}"))}"));
        report.AppendLine(Format.Invariant($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        report.AppendLine();
        ReplayReport.Write(report, runs, iterations, holdOut);
        report.AppendLine(Format.Invariant($"The replay took {clock.Elapsed.TotalSeconds:0.0} s."));
        Console.WriteLine(report);
        if (output is not null)
        {
            ReportFile.WriteSection(output, "replay", report.ToString());
            Console.WriteLine($"Written to {output}");
        }

        return 0;
    }
}
