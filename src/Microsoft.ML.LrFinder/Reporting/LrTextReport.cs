using System.Globalization;
using System.Text;

namespace Microsoft.ML.LrFinder.Reporting;

/// <summary>Writes the plain-text report of a sweep's result (<see cref="LrFinderReport.ToText"/>).</summary>
internal static class LrTextReport
{
    internal static string Create(LrFinderResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var curve = result.Curve;
        var points = curve.Points;
        var text = new StringBuilder();
        text.AppendLine("Learning-rate finder");
        text.AppendLine($"  Stop:        {LrReportFormat.StopReason(result)}");

        string range = points.Count == 0
            ? string.Empty
            : $", learning rate {LrFormat.LearningRate(points[0].LearningRate)} to {LrFormat.LearningRate(points[^1].LearningRate)}";
        text.AppendLine(FormattableString.Invariant($"  Iterations:  {result.IterationsRun} run of {curve.RequestedIterations} requested{range}"));

        string skipped = curve.WindowLength == 0
            ? string.Empty
            : FormattableString.Invariant($"; {curve.WindowStart} points skipped at the start, {points.Count - curve.WindowEnd} at the end");
        text.AppendLine($"  Window:      {LrReportFormat.Window(curve)}{skipped}");

        text.AppendLine("  Suggestions:");
        if (result.Suggestions.Count == 0)
        {
            text.AppendLine("    (none)");
        }

        foreach (var suggestion in result.Suggestions)
        {
            AppendSuggestion(text, result, suggestion);
        }

        text.AppendLine(result.Selected is { } selected && LrReportFormat.SuggestionLabel(selected) is { } label
            ? $"  Selected:    {label}"
            : "  Selected:    none (the selector made no suggestion)");

        text.AppendLine("  Warnings:");
        if (result.Warnings.Count == 0)
        {
            text.AppendLine("    (none)");
        }

        foreach (string warning in result.Warnings)
        {
            text.AppendLine($"    - {warning}");
        }

        return text.ToString();
    }

    private static void AppendSuggestion(StringBuilder text, LrFinderResult result, LrSuggestion suggestion)
    {
        string? label = LrReportFormat.SuggestionLabel(suggestion);
        string selectedMark = ReferenceEquals(suggestion, result.Selected) && label is not null ? "  [selected]" : string.Empty;
        text.AppendLine(label is null ? $"    * {suggestion.Method}: no suggestion" : $"    * {label}{selectedMark}");
        if (RuleOf(result, suggestion.Method) is { Length: > 0 } rule)
        {
            text.AppendLine($"        rule:  {rule}");
        }

        if (suggestion.Explanation.Length > 0)
        {
            text.AppendLine($"        {(label is null ? "why:  " : "how:  ")} {suggestion.Explanation}");
        }

        if (PointOf(suggestion) is { } point)
        {
            text.AppendLine($"        point: {point}");
        }
    }

    /// <summary>Where a suggestion was read, for example <c>iteration 61, learning rate 2.1e-3, lag-free loss 0.412</c>; null without a point.</summary>
    internal static string? PointOf(LrSuggestion suggestion) =>
        suggestion.Point is not { } point
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"iteration {point.Iteration}, learning rate {LrFormat.LearningRate(point.LearningRate)}, {(suggestion.Curve == LrLossCurve.LagFree ? "lag-free" : "smoothed")} loss {LrFormat.Loss(suggestion.PointLoss)}");

    /// <summary>The rule of the method that made a suggestion, in words (<see cref="ILrSuggestionMethod.Rule"/>); null when the result's options do not hold it.</summary>
    internal static string? RuleOf(LrFinderResult result, string method)
    {
        var methods = result.Options.SuggestionMethods ?? LrSuggestionMethods.All;
        var match = methods.Append(result.Options.Selector).FirstOrDefault(m => m?.Name == method);
        return match?.Rule;
    }
}
