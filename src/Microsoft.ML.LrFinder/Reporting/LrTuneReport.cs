using System.Globalization;
using System.Text;
using Microsoft.ML.LrFinder.Reporting;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Reports of a tuning result: the plain-text report and the JSON report (the sweep's, with a <c>tune</c> object). The curve
/// CSV is the sweep's (<c>result.FinderResult.SaveCsv(path)</c>), and the plot is <see cref="LrFinderPlot.ToPlotModel(LrTuneResult, LrPlotOptions?)"/>.
/// </summary>
public static class LrTuneReport
{
    /// <summary>
    /// The plain-text report: the sweep's (<see cref="LrFinderReport.ToText(LrFinderResult)"/>), then each candidate with its
    /// round and held-out loss, the chosen one and the tuning warnings.
    /// </summary>
    /// <param name="result">The result to describe.</param>
    /// <returns>The report, several lines long.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToText(this LrTuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder(LrTextReport.Create(result.FinderResult));
        text.AppendLine("Tuning");
        text.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  Probes:      {result.Candidates.Count} in {result.Rounds} round{(result.Rounds == 1 ? string.Empty : "s")}, the last {result.ProbeSteps} steps each, for a {result.BudgetSteps}-step fit ({result.TotalProbeSteps} steps run in {result.Elapsed.TotalSeconds:F1} s)"));
        text.AppendLine("  Candidates:");
        if (result.Candidates.Count == 0)
        {
            text.AppendLine("    (none)");
        }

        foreach (var candidate in result.Candidates)
        {
            string chosen = candidate == result.Chosen ? "  [chosen]" : string.Empty;
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"    * round {candidate.Round}, {LrFormat.LearningRate(candidate.LearningRate)}: held-out loss {LrFormat.Loss(candidate.ValidationLoss)} after {candidate.StepsRun} steps{chosen}"));
        }

        text.AppendLine(result.ChosenLearningRate is { } rate
            ? $"  Chosen:      {LrFormat.LearningRate(rate)} (the lowest held-out loss of the last round)"
            : "  Chosen:      none");
        if (result.Warnings.Count > 0)
        {
            text.AppendLine("  Tuning warnings:");
            foreach (string warning in result.Warnings)
            {
                text.AppendLine($"    - {warning}");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The sweep's JSON report (see <see cref="LrFinderReport.ToJson"/>) with one more key, <c>tune</c>: <c>probeSteps</c> (the
    /// last round's), <c>budgetSteps</c>, <c>rounds</c>, <c>totalProbeSteps</c>, <c>candidates</c> (every probe of every round:
    /// <c>learningRate</c>, <c>validationLoss</c>, <c>stepsRun</c> and <c>round</c>; a non-finite loss is null), <c>chosen</c>
    /// (the chosen learning rate, or null) and <c>warnings</c>.
    /// </summary>
    /// <param name="result">The tuning result.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToJson(this LrTuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        LrJsonReport.Write(result.FinderResult, result, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the JSON report of <see cref="ToJson"/> to a file (UTF-8), through a temporary file moved into place.</summary>
    /// <param name="result">The tuning result.</param>
    /// <param name="path">The file to write; its folder must exist. An existing file is replaced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SaveJson(this LrTuneResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => LrJsonReport.Write(result.FinderResult, result, stream));
    }
}
