using System.Globalization;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>
/// The tuning comparison's outcomes as CSV, one line per (unit, arm), appended as they are measured, so that a long run can be
/// stopped, resumed on other tasks and reported on in one piece (<c>./build.sh bench tune --report FILE…</c>).
/// </summary>
internal static class TuneOutcomeFile
{
    private const string Header = "task,source,schedule,seed,kind,budget,layout,selected,chosen,regret,steps,gridSteps,probes";

    public static Action<TuneOutcome> Appender(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Header + "\n");
        }

        return outcome => File.AppendAllText(path, string.Join(',', [
            outcome.Task, outcome.Source, outcome.Schedule, Invariant(outcome.Seed), outcome.Arm.Kind.ToString(), Invariant(outcome.Arm.Budget),
            outcome.Arm.LayoutName, Invariant(outcome.Selected), Invariant(outcome.Chosen), Invariant(outcome.Regret), Invariant(outcome.Steps),
            Invariant(outcome.GridSteps), Invariant(outcome.Probes)]) + "\n");
    }

    public static IEnumerable<TuneOutcome> Read(string path, IReadOnlyList<TuneArm> arms)
    {
        foreach (string line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            // The layout's name may hold commas: it is every field between the first six and the last six.
            string[] parts = line.Split(',');
            string[] f = [.. parts[..6], string.Join(',', parts[6..^6]), .. parts[^6..]];
            var kind = Enum.Parse<TuneArmKind>(f[4]);
            double budget = Number(f[5]);
            var arm = arms.FirstOrDefault(a => a.Kind == kind && a.Budget == budget && a.LayoutName == f[6])
                ?? new TuneArm(kind, budget, LrHalvingSettings.Default, f[6]);
            yield return new TuneOutcome(
                f[0], f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture), arm, Number(f[7]), Number(f[8]), Number(f[9]),
                int.Parse(f[10], CultureInfo.InvariantCulture), int.Parse(f[11], CultureInfo.InvariantCulture), int.Parse(f[12], CultureInfo.InvariantCulture));
        }
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
