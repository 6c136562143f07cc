using System.Globalization;
using System.Text;

namespace Microsoft.ML.LrFinder.Reporting;

/// <summary>Writes the plain-text report of a tuning step's result (<see cref="LrTuneReport.ToText"/>): the sweep's report, then the probes'.</summary>
internal static class LrTuneTextReport
{
    internal static string Create(LrTuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder(LrTextReport.Create(result.Sweep));
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
