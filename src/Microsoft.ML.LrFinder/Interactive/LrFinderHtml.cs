using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.ML.LrFinder.Plotting;
using Microsoft.ML.LrFinder.Reporting;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// A result as one HTML fragment, what a .NET Interactive notebook shows when a cell evaluates to an <see cref="LrFinderResult"/>
/// or an <see cref="LrTuneResult"/> (the package's notebook extension registers these as their <c>text/html</c> formatters;
/// docs/notebooks.md): the plot as inline SVG, then the suggestion table (each rule's suggestion, the rule in words, the
/// explanation and the point it was read from), the selected rate, the warnings, and the full text report folded under it.
/// </summary>
/// <remarks>
/// Every number and phrase comes from the plot (<see cref="LrFinderPlot"/>) and the reports (<see cref="LrFinderReport.ToText"/>,
/// <see cref="LrTuneReport.ToText"/>, <see cref="LrReportFormat"/>), so the notebook says what the files say.
/// </remarks>
public static class LrFinderHtml
{
    /// <summary>The plot and the suggestions of a sweep as one HTML fragment (a <c>div</c> of class <c>lrfinder</c>).</summary>
    /// <param name="result">The sweep's result.</param>
    /// <param name="options">How to draw the plot; default null: <see cref="LrPlotOptions"/> defaults.</param>
    /// <returns>The HTML fragment, with the plot as an inline <c>svg</c> element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    public static string ToHtml(this LrFinderResult result, LrPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder("<div class=\"lrfinder\">\n");
        html.Append(Svg(result.ToPlotModel(options), options)).Append('\n');
        AppendSweep(html, result);
        AppendTextReport(html, result.ToText());
        return html.Append("</div>\n").ToString();
    }

    /// <summary>
    /// The tuning plot, the sweep's suggestions and the tuning step's candidates (each with its held-out loss, the chosen one
    /// marked) and warnings, as one HTML fragment (a <c>div</c> of class <c>lrfinder</c>).
    /// </summary>
    /// <param name="result">The tuning result.</param>
    /// <param name="options">How to draw the plot; default null: <see cref="LrPlotOptions"/> defaults.</param>
    /// <returns>The HTML fragment, with the plot as an inline <c>svg</c> element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    public static string ToHtml(this LrTuneResult result, LrPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder("<div class=\"lrfinder\">\n");
        html.Append(Svg(result.ToPlotModel(options), options)).Append('\n');
        AppendSweep(html, result.FinderResult);
        html.Append("<table class=\"lrfinder-candidates\">\n<thead><tr><th>candidate</th><th>held-out loss</th><th>steps</th><th></th></tr></thead>\n<tbody>\n");
        foreach (var candidate in result.Candidates)
        {
            html.Append("<tr>")
                .Append(Cell(LrFormat.LearningRate(candidate.LearningRate)))
                .Append(Cell(LrFormat.Loss(candidate.ValidationLoss)))
                .Append(Cell(candidate.StepsRun.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell(candidate == result.Chosen ? "chosen" : string.Empty))
                .Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        html.Append("<p><strong>Chosen:</strong> ")
            .Append(Encode(result.ChosenLearningRate is { } rate ? LrFormat.LearningRate(rate) + " (the lowest held-out loss)" : "none"))
            .Append("</p>\n");
        AppendWarnings(html, "Tuning warnings", result.Warnings);
        AppendTextReport(html, result.ToText());
        return html.Append("</div>\n").ToString();
    }

    private static void AppendSweep(StringBuilder html, LrFinderResult result)
    {
        html.Append("<p>").Append(Encode(LrReportFormat.StopReason(result))).Append(" Window: ")
            .Append(Encode(LrReportFormat.Window(result.Curve))).Append(".</p>\n");
        html.Append("<table class=\"lrfinder-suggestions\">\n<thead><tr><th>suggestion</th><th>rule</th><th>how / why</th><th>point</th></tr></thead>\n<tbody>\n");
        foreach (var suggestion in result.Suggestions)
        {
            string label = LrReportFormat.SuggestionLabel(suggestion) is { } value
                ? value + (ReferenceEquals(suggestion, result.Selected) ? " [selected]" : string.Empty)
                : suggestion.Method + ": no suggestion";
            html.Append(ReferenceEquals(suggestion, result.Selected) ? "<tr class=\"selected\">" : "<tr>")
                .Append(Cell(label))
                .Append(Cell(LrTextReport.RuleOf(result, suggestion.Method) ?? string.Empty))
                .Append(Cell(suggestion.Explanation))
                .Append(Cell(LrTextReport.PointOf(suggestion) ?? string.Empty))
                .Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        html.Append("<p><strong>Selected:</strong> ")
            .Append(Encode(result.Selected is { } selected && LrReportFormat.SuggestionLabel(selected) is { } selectedLabel
                ? selectedLabel
                : "none (the selector made no suggestion)"))
            .Append("</p>\n");
        AppendWarnings(html, "Warnings", result.Warnings);
    }

    private static void AppendWarnings(StringBuilder html, string title, IReadOnlyList<string> warnings)
    {
        html.Append("<p><strong>").Append(title).Append(":</strong>").Append(warnings.Count == 0 ? " none</p>\n" : "</p>\n<ul class=\"lrfinder-warnings\">\n");
        if (warnings.Count > 0)
        {
            foreach (string warning in warnings)
            {
                html.Append("<li>").Append(Encode(warning)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }
    }

    private static void AppendTextReport(StringBuilder html, string text) =>
        html.Append("<details><summary>Text report</summary>\n<pre>").Append(Encode(text)).Append("</pre>\n</details>\n");

    // The SVG document without its XML declaration and doctype, which may not stand inside HTML.
    private static string Svg(OxyPlot.PlotModel model, LrPlotOptions? options)
    {
        using var stream = new MemoryStream();
        LrPlotExporter.Export(model, stream, LrPlotFormat.Svg, LrPlotExporter.CheckedCopy(options));
        string svg = Encoding.UTF8.GetString(stream.ToArray());
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start < 0 ? svg : svg[start..];
    }

    private static string Cell(string text) => "<td>" + Encode(text) + "</td>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
