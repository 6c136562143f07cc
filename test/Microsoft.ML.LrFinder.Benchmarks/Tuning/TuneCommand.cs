using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Replay;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>
/// <c>./build.sh bench tune DIR… [--tasks T] [--seeds N] [--budgets B] [--save FILE] [--report FILE…] [--write]</c>: the
/// tuning comparison at equal compute (<see cref="TuneSuite"/>) on recorded runs, and its tables.
/// </summary>
internal static class TuneCommand
{
    public const string Usage = """
        usage: ./build.sh bench tune DIR... [--tasks T1,T2] [--seeds N] [--budgets 0.5,1,2,3] [--save FILE] [--write | --output PATH]
               ./build.sh bench tune --report FILE... [--write | --output PATH]
          DIR         folders of recorded runs (./build.sh bench --only record --save-runs DIR): their grids score the choices
          --tasks     only these tasks (default: every TorchSharp task recorded)
          --seeds N   only seeds 1..N (default: every recorded seed)
          --budgets   the budgets (probe steps ÷ the real fit's) of halving, random search and the coarse grid
          --save FILE append every outcome to FILE (CSV; default artifacts/tune/outcomes.csv)
          --report    only write the tables of saved outcomes (several files are pooled)
          --write     write the tables into docs/benchmarks.md (section "tune"); --output PATH writes elsewhere
        """;

    public static int Run(string[] args)
    {
        var folders = new List<string>();
        var reports = new List<string>();
        string[]? tasks = null;
        int? seeds = null;
        double[] budgets = [0.5, 1, 2, 3];
        string save = Path.Combine("artifacts", "tune", "outcomes.csv");
        string? output = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tasks": tasks = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--seeds": seeds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--budgets": budgets = args[++i].Split(',').Select(b => double.Parse(b, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--save": save = args[++i]; break;
                case "--report":
                    while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        reports.Add(args[++i]);
                    }

                    break;
                case "--write": output = ReportFile.DefaultPath(); break;
                case "--output": output = args[++i]; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default: folders.Add(args[i]); break;
            }
        }

        if (folders.Count == 0 && reports.Count == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        // One intra-op thread, as the other sections (Program.Parse): a second libtorch thread spin-waits on this shared machine.
        global::TorchSharp.torch.set_num_threads(1);
        var clock = Stopwatch.StartNew();
        var arms = TuneArm.All(budgets);
        var outcomes = new List<TuneOutcome>();
        if (folders.Count > 0)
        {
            var runs = folders.SelectMany(RecordedRunReader.ReadFolder)
                .Where(r => tasks is null || tasks.Contains(r.Task, StringComparer.OrdinalIgnoreCase))
                .Where(r => seeds is null || r.Seed <= seeds)
                .OrderBy(r => r.Seed).ThenBy(r => r.Task, StringComparer.Ordinal)
                .ToArray();
            Console.WriteLine(Format.Invariant($"Tuning comparison: {runs.Length} recorded (task, seed) runs, {arms.Count} arms, budgets {string.Join(", ", budgets)}; outcomes appended to {save}"));
            outcomes.AddRange(TuneSuite.Run(runs, arms, Console.Out, TuneOutcomeFile.Appender(save)));
        }

        outcomes.AddRange(reports.SelectMany(r => TuneOutcomeFile.Read(r, arms)));
        var text = new StringBuilder();
        text.AppendLine("## Results: tuning at equal compute");
        text.AppendLine();
        text.AppendLine(Format.Invariant($"- Command: `./build.sh bench tune {string.Join(' ', args)}`"));
        text.AppendLine(Format.Invariant($"- Machine: {MachineInfo.Current().Describe()}"));
        text.AppendLine(Format.Invariant($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {clock.Elapsed.TotalMinutes:0.0} min"));
        text.AppendLine();
        TuneComparisonReport.Write(text, outcomes);
        Console.WriteLine(text);
        if (output is not null)
        {
            ReportFile.WriteSection(output, "tune", text.ToString());
            Console.WriteLine($"Written to {output}");
        }

        return 0;
    }
}
