using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LrFinder.Cli.Demo;
using Microsoft.ML.LrFinder.Cli.Options;
using Microsoft.ML.LrFinder.Cli.Output;
using Spectre.Console;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Cli.Commands;

/// <summary>
/// <c>lrfind demo</c>: a full sweep on the bundled digits data with a small TorchSharp MLP through the generic finder; prints the
/// suggestions, writes the four result files, then trains a fresh model briefly at the selected and at a poor learning rate and
/// prints both held-out accuracies. Seeded: two runs print the same numbers.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The share of the digits held out to measure accuracy.</summary>
    internal const double HeldOutFraction = 0.2;

    public static System.CommandLine.Command Create(CommandContext context)
    {
        var output = OutputOption();
        var sweep = new SweepOptionSet(defaultSeed: 1);
        var tune = new TuneOptionSet();
        var batchSize = CliOptionFactory.Int("--batch-size", "Samples per optimizer step, in the sweep and in training.", 64, minimum: 1);
        var epochs = CliOptionFactory.Int("--epochs", "Passes over the training set when training at the selected and at the poor learning rate.", 10, minimum: 1);
        var poorLearningRate = new LearningRateOption("--poor-lr", "The deliberately poor learning rate trained for comparison.", 1e-5);
        var command = new System.CommandLine.Command(
            "demo",
            "Sweep a small MLP on the bundled digits data (offline), write the outputs, and compare training at the selected and at a poor learning rate.")
        {
            output, batchSize, epochs, poorLearningRate.Option,
        };
        sweep.AddTo(command);
        tune.AddTo(command);
        command.SetAction(parseResult => context.Guard(parseResult, () => Run(
            context,
            parseResult.GetValue(output)!,
            sweep.Bind<TorchSharpLrFinderOptions>(parseResult),
            parseResult.GetValue(batchSize),
            parseResult.GetValue(epochs),
            poorLearningRate.Get(parseResult),
            tune.Bind(parseResult))));
        return command;
    }

    /// <summary>The <c>-o|--output</c> option every sweeping command has.</summary>
    /// <returns>The option, default <c>lr-find</c> in the current folder.</returns>
    internal static Option<string> OutputOption() => new("--output", "-o")
    {
        Description = "Folder for lr-find.csv, lr-find.json, lr-find.png and lr-find.svg (created; files in it are replaced).",
        HelpName = "folder",
        DefaultValueFactory = _ => "lr-find",
    };

    private static int Run(
        CommandContext context, string outputPath, TorchSharpLrFinderOptions options, int batchSize, int epochs, double poorLearningRate, LrTuneOptions? tuneOptions)
    {
        var console = context.Console;
        var cancellationToken = context.CancellationToken;
        var clock = Stopwatch.StartNew();
        // The selection is read for the fit this command trains: its epochs.
        options.TrainingEpochs = epochs;
        using var folder = OutputFolder.Begin(outputPath);
        var ansi = console.CreateAnsiConsole();
        int seed = options.Seed ?? 1;

        var (train, test) = DigitsDataset.LoadEmbedded().Split(HeldOutFraction, seed);
        ansi.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Data:      scikit-learn digits, 8x8 images; {train.Count} to train, {test.Count} held out (seed {seed})"));
        ansi.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Model:     MLP {DigitsDataset.FeatureCount}-{DigitsModel.HiddenUnits}-{DigitsDataset.ClassCount}, Adam, cross-entropy, batch {batchSize}"));
        ansi.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Sweep:     {options.NumberOfIterations} iterations, learning rate {LrFormat.LearningRate(options.StartLearningRate)} to {LrFormat.LearningRate(options.EndLearningRate)}, {options.Schedule.ToString().ToLowerInvariant()}"));

        random.manual_seed(seed);
        using var model = DigitsModel.Create();
        using var optimizer = optim.Adam(model.parameters(), options.StartLearningRate);
        using var loss = nn.CrossEntropyLoss();
        var batches = new DigitsBatches(train, batchSize, seed);
        var result = SweepProgress.Run(console, ansi, "sweep", options.NumberOfIterations, progress =>
            TorchSharpLrFinder.Find(model, optimizer, loss.call, batches.Endless(), options, progress, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();

        ansi.WriteLine();
        SuggestionTable.Write(ansi, result);
        LrTuneResult? tuned = null;
        if (tuneOptions is not null)
        {
            ansi.WriteLine();
            tuned = DemoTune.Run(ansi, model, optimizer, loss.call, train, result, batchSize, epochs, seed, tuneOptions, cancellationToken);
            TuneOutput.Write(ansi, tuned);
            TuneOutput.WriteFiles(tuned, folder);
        }
        else
        {
            ResultFiles.Write(result, folder);
        }

        ansi.WriteLine();
        ansi.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Training a fresh model (same seed) for {epochs} epochs at each learning rate, Adam, constant rate:"));
        var comparison = new Table().Border(TableBorder.Simple);
        comparison.AddColumn("learning rate");
        comparison.AddColumn(new TableColumn("value").RightAligned());
        comparison.AddColumn(new TableColumn("held-out accuracy").RightAligned());
        if (result.Selected is { LearningRate: { } selected } suggestion)
        {
            double accuracy = DemoTraining.TrainAndEvaluate(train, test, selected, epochs, batchSize, seed, cancellationToken);
            comparison.AddRow($"selected ({suggestion.Method})", LrFormat.LearningRate(selected), Percent(accuracy));
        }
        else
        {
            ansi.WriteLine("No learning rate was selected, so only the poor one is trained.");
        }

        if (tuned?.ChosenLearningRate is { } chosen)
        {
            double accuracy = DemoTraining.TrainAndEvaluate(train, test, chosen, epochs, batchSize, seed, cancellationToken);
            comparison.AddRow("tuned (--tune)", LrFormat.LearningRate(chosen), Percent(accuracy));
        }

        double poorAccuracy = DemoTraining.TrainAndEvaluate(train, test, poorLearningRate, epochs, batchSize, seed, cancellationToken);
        comparison.AddRow("poor (--poor-lr)", LrFormat.LearningRate(poorLearningRate), Percent(poorAccuracy));
        ansi.Write(comparison);

        folder.Commit();
        ansi.WriteLine($"Wrote {string.Join(", ", ResultFiles.All)} to {folder.Target}");
        ansi.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed.TotalSeconds:0.0} s."));
        return ExitCodes.Success;
    }

    private static string Percent(double fraction) => fraction.ToString("P1", CultureInfo.InvariantCulture);
}
