using System.Globalization;
using Spectre.Console;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>
/// The result on the console: why the sweep stopped, the suggestion window, one table row per suggestion (the learning rate
/// and the point it was read from, with the numbers formatted exactly as the plot labels them), how each was read or why there
/// is none, the selection and the warnings.
/// </summary>
internal static class SuggestionTable
{
    /// <summary>Writes the result.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="result">The sweep's or the analysis's result.</param>
    public static void Write(IAnsiConsole console, LrFinderResult result)
    {
        console.WriteLine($"Stop:      {LrReportFormat.StopReason(result)}");
        console.WriteLine($"Window:    {LrReportFormat.Window(result.Curve)}");
        console.Write(Build(result));

        // Below the table rather than in a column of it: a column this long squeezes to a word per line on an 80-column terminal.
        var explanations = new Grid().AddColumn(new GridColumn().NoWrap().PadLeft(2).PadRight(2)).AddColumn();
        foreach (var suggestion in result.Suggestions)
        {
            explanations.AddRow(Cell(suggestion.Method), Cell(suggestion.Explanation));
        }

        console.Write(explanations);
        console.WriteLine();
        console.WriteLine(result.Selected is { } selected && LrReportFormat.SuggestionLabel(selected) is { } label
            ? $"Selected:  {label} (* in the table)"
            : "Selected:  none (the selected method made no suggestion)");
        foreach (string warning in result.Warnings)
        {
            console.WriteLine($"Warning:   {warning}");
        }
    }

    /// <summary>The table alone.</summary>
    /// <param name="result">The result whose suggestions are listed.</param>
    /// <returns>A Spectre table.</returns>
    public static Table Build(LrFinderResult result)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("method");
        table.AddColumn(new TableColumn("suggested LR").RightAligned());
        table.AddColumn(new TableColumn("from iteration").RightAligned());
        table.AddColumn(new TableColumn("at LR").RightAligned());
        table.AddColumn(new TableColumn("loss at point").RightAligned());
        foreach (var suggestion in result.Suggestions)
        {
            bool isSelected = ReferenceEquals(suggestion, result.Selected) && suggestion.HasValue;
            var point = suggestion.Point;
            table.AddRow(
                Cell(isSelected ? $"{suggestion.Method} *" : suggestion.Method),
                Cell(suggestion.LearningRate is { } lr ? LrFormat.LearningRate(lr) : "none"),
                Cell(point is { } p ? p.Iteration.ToString(CultureInfo.InvariantCulture) : "-"),
                Cell(point is { } q ? LrFormat.LearningRate(q.LearningRate) : "-"),
                Cell(point is not null ? LrFormat.Loss(suggestion.PointLoss) : "-"));
        }

        return table;
    }

    // Markup is never interpreted: explanations may contain brackets.
    private static Text Cell(string text) => new(text);
}
