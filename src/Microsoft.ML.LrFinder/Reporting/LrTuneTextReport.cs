using System.Globalization;
using System.Text;

namespace Microsoft.ML.LrFinder;

/// <summary>The plain-text report of a tuning step's result: the sweep's report, then the probes'.</summary>
public static class LrTuneTextReport
{
    /// <summary>
    /// The plain-text report: the sweep's (<see cref="LrTextReport.ToText(LrFinderResult)"/>), then each candidate with its
    /// held-out loss, the chosen one and the tuning warnings.
    /// </summary>
    /// <param name="result">The result to describe.</param>
    /// <returns>The report, several lines long.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToText(this LrTuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder(result.Sweep.ToText());
        text.AppendLine("Tuning");
        text.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  Probes:      {result.Candidates.Count}, {result.ProbeSteps} steps each of a {result.BudgetSteps}-step budget ({result.TotalProbeSteps} steps run in {result.Elapsed.TotalSeconds:F1} s)"));
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
                $"    * {LrFormat.LearningRate(candidate.LearningRate)}: held-out loss {LrFormat.Loss(candidate.ValidationLoss)} after {candidate.StepsRun} steps{chosen}"));
        }

        text.AppendLine(result.ChosenLearningRate is { } rate
            ? $"  Chosen:      {LrFormat.LearningRate(rate)} (the lowest held-out loss)"
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
}
