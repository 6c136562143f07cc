using System.CommandLine;
using Microsoft.ML.LrFinder.Cli.Input;
using Microsoft.ML.LrFinder.Cli.Options;
using Microsoft.ML.LrFinder.Cli.Output;
using Spectre.Console;

namespace Microsoft.ML.LrFinder.Cli.Commands;

/// <summary>
/// <c>lrfind suggest --input curve.csv</c>: re-analyses a saved curve. The curve is taken as recorded (no divergence cut); the
/// suggestion window is set by <c>--num-iterations</c> exactly as in a sweep.
/// </summary>
internal static class SuggestCommand
{
    public static System.CommandLine.Command Create(CommandContext context)
    {
        var input = new Option<string>("--input", "-i")
        {
            Description = "The curve: a CSV file with a header line; the learning-rate and loss columns are found by name, others are ignored.",
            HelpName = "file",
            Required = true,
        };
        var lrColumn = new Option<string>("--lr-col")
        {
            Description = "Header name of the learning-rate column (case-insensitive).",
            HelpName = "name",
            DefaultValueFactory = _ => "lr",
        };
        var lossColumn = new Option<string>("--loss-col")
        {
            Description = "Header name of the loss column (case-insensitive).",
            HelpName = "name",
            DefaultValueFactory = _ => "loss",
        };
        var smoothed = CliOptionFactory.Flag("--smoothed", $"The losses are already smoothed: use them as they are instead of applying the debiased moving average (beta {LrFormat.Number(LrFinderDefaults.SmoothingBeta)}).");
        var iterations = CliOptionFactory.OptionalInt(
            "--num-iterations",
            $"Iterations the sweep was asked for; {HelpText.SuggestionWindow}. [default: the number of rows]",
            minimum: 2);
        var suggest = new SuggestOption();
        var schedule = new TrainingScheduleOption();
        var epochs = CliOptionFactory.OptionalInt(
            "--epochs",
            $"Epochs of the fit the rate is for; the default rule lowers its rate for fits longer than {LrFormat.Number(LrSuggestionMethods.LagFreeEpochThreshold)} epochs. [default: unknown, the curve is read as it is]",
            minimum: 1);
        var format = new Option<string>("--format")
        {
            Description = "How to print the result: a table, or the JSON report (the same keys as lr-find.json).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var plot = new Option<string?>("--plot")
        {
            Description = "Also draw the curve and its suggestions to this file (.png or .svg).",
            HelpName = "file",
        };
        plot.Validators.Add(result =>
        {
            string? path = result.GetValueOrDefault<string?>();
            string extension = Path.GetExtension(path ?? string.Empty).ToLowerInvariant();
            if (extension is not (".png" or ".svg"))
            {
                result.AddError($"--plot '{path}' must end in .png or .svg.");
            }
        });

        var command = new System.CommandLine.Command("suggest", "Re-analyse a saved curve (lr, loss) and print the suggestions; also how to check our numbers against another tool.")
        {
            input, lrColumn, lossColumn, smoothed, iterations, suggest.Option, schedule.Option, epochs, format, plot,
        };
        command.SetAction(parseResult => context.Guard(parseResult, () =>
        {
            var curve = CurveFile.Read(parseResult.GetValue(input)!, parseResult.GetValue(lrColumn)!, parseResult.GetValue(lossColumn)!);
            var options = new LrFinderOptions
            {
                NumberOfIterations = parseResult.GetValue(iterations) ?? curve.Count,
                TrainingEpochs = parseResult.GetValue(epochs),
            };
            suggest.ApplyTo(parseResult, options);
            schedule.ApplyTo(parseResult, options);
            var result = LrCurveAnalysis.Analyze(
                curve, options.NumberOfIterations, parseResult.GetValue(smoothed), options);
            if (parseResult.GetValue(plot) is { } plotPath)
            {
                SavePlot(result, plotPath);
            }

            var console = context.Console;
            if (parseResult.GetValue(format) == "json")
            {
                console.Out.WriteLine(result.ToJson());
            }
            else
            {
                var ansi = console.CreateAnsiConsole();
                SuggestionTable.Write(ansi, result);
                if (parseResult.GetValue(plot) is { } written)
                {
                    ansi.WriteLine($"Plot:      {written}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    // The library writes the image through a temporary file beside it and moves it into place; the tool also creates the
    // folder, and says so when the name is a folder.
    private static void SavePlot(LrFinderResult result, string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliUsageException($"'{path}' is a folder; expected a file name.");
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot create the folder of '{path}': {e.Message}", e);
        }

        result.SavePlot(full);
    }
}
