using System.Globalization;
using Spectre.Console;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>The tuning step on the console (one line per probe, then the candidates) and in the output folder.</summary>
internal static class TuneOutput
{
    /// <summary>A progress handler that prints one line per completed probe.</summary>
    /// <param name="console">Where to write.</param>
    /// <returns>The handler.</returns>
    public static IProgress<LrTuneProgress> ProbeLines(IAnsiConsole console) => new SynchronousProgress<LrTuneProgress>(p =>
    {
        if (p.TotalRounds > 1 && p.ProbeInRound == 0)
        {
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  round {p.Round + 1}/{p.TotalRounds}: {p.ProbesInRound} candidates, {p.Candidate.StepsRun} steps each"));
        }

        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  probe {p.Probe + 1}/{p.TotalProbes}: learning rate {LrFormat.LearningRate(p.Candidate.LearningRate)}, {p.Candidate.StepsRun} steps, held-out loss {LrFormat.Loss(p.Candidate.ValidationLoss)}"));
    });

    /// <summary>The candidates as a table, the chosen one marked, then the tuning warnings.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="result">The tuning result.</param>
    public static void Write(IAnsiConsole console, LrTuneResult result)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("round").RightAligned());
        table.AddColumn("candidate LR");
        table.AddColumn(new TableColumn("held-out loss").RightAligned());
        table.AddColumn(new TableColumn("steps run").RightAligned());
        foreach (var candidate in result.Candidates)
        {
            bool chosen = candidate == result.Chosen;
            table.AddRow(
                (candidate.Round + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(LrFormat.LearningRate(candidate.LearningRate) + (chosen ? " *" : string.Empty)),
                Markup.Escape(LrFormat.Loss(candidate.ValidationLoss)),
                candidate.StepsRun.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.WriteLine(result.ChosenLearningRate is { } rate
            ? $"Tuned:     {LrFormat.LearningRate(rate)} (lowest held-out loss of the last round, * in the table)"
            : "Tuned:     none (no probe gave a finite held-out loss)");
        foreach (string warning in result.Warnings)
        {
            console.WriteLine($"Warning:   {warning}");
        }
    }

    /// <summary>
    /// The four result files of a tuned sweep: the sweep's curve, the JSON report with its <c>tune</c> object, and the plot with
    /// the candidates and the chosen rate marked.
    /// </summary>
    /// <param name="result">The tuning result.</param>
    /// <param name="folder">The open output folder.</param>
    public static void WriteFiles(LrTuneResult result, OutputFolder folder)
    {
        result.FinderResult.SaveCsv(folder.PathFor(ResultFiles.Csv));
        result.SaveJson(folder.PathFor(ResultFiles.Json));
        result.SavePlot(folder.PathFor(ResultFiles.Png));
        result.SavePlot(folder.PathFor(ResultFiles.Svg));
    }
}
