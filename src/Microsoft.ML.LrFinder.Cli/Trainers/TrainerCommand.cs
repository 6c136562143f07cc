using System.CommandLine;
using System.Globalization;
using Microsoft.ML.LrFinder.Cli.Commands;
using Microsoft.ML.LrFinder.Cli.Input;
using Microsoft.ML.LrFinder.Cli.Options;
using Microsoft.ML.LrFinder.Cli.Output;
using Spectre.Console;

namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>
/// A sweep of one ML.NET TorchSharp trainer on the user's data, with mlnet's option names: <c>--dataset</c>,
/// <c>--validation-dataset</c>, <c>--label-col</c>, <c>--has-header</c>, the trainer's column options, <c>--batch-size</c>,
/// <c>-o|--output</c>; the finder options; <c>--train</c> to go on to the real fit with the selected learning rate and save
/// the model; <c>--weights</c> or <c>--random-init</c> for the pretrained file when offline.
/// </summary>
internal abstract class TrainerCommand
{
    /// <summary>The model file <c>--train</c> saves in the output folder.</summary>
    public const string ModelFile = "model.zip";

    private const int DefaultMaxEpochs = 10;

    protected TrainerCommand(string name, string description, TorchSharpTrainerKind trainer, int? defaultBatchSize)
    {
        Name = name;
        Description = description;
        Trainer = trainer;
        DefaultBatchSize = defaultBatchSize;
    }

    /// <summary>The subcommand, for example <c>text-classification</c>.</summary>
    public string Name { get; }

    /// <summary>The help text.</summary>
    public string Description { get; }

    /// <summary>The trainer, which names the pretrained file it loads.</summary>
    public TorchSharpTrainerKind Trainer { get; }

    /// <summary>The trainer's batch size; null when the trainer has no batch-size option (object detection).</summary>
    public int? DefaultBatchSize { get; }

    /// <summary>Builds the subcommand.</summary>
    /// <param name="context">The run's console, <c>--verbose</c> and cancellation.</param>
    /// <returns>The command.</returns>
    public System.CommandLine.Command Create(CommandContext context)
    {
        var dataset = new Option<string>("--dataset", "-d")
        {
            Description = "Training data: a delimited text file (tab, comma or semicolon, detected), one row per example.",
            HelpName = "file",
            Required = true,
        };
        var validation = new Option<string?>("--validation-dataset", "-v")
        {
            Description = "Validation data in the same format; used by --train, and by --tune to score the probes.",
            HelpName = "file",
        };
        var hasHeader = new Option<bool>("--has-header")
        {
            Description = "Whether the first line names the columns; without one, columns are col0, col1, … or their 0-based index.",
            DefaultValueFactory = _ => true,
        };
        var label = new Option<string>("--label-col")
        {
            Description = LabelDescription + " Name or 0-based index.",
            HelpName = "column",
            DefaultValueFactory = _ => DefaultLabelColumn,
        };
        var output = DemoCommand.OutputOption();
        var sweep = new SweepOptionSet(defaultSeed: 1);
        var train = CliOptionFactory.Flag("--train", $"After the sweep, fit the trainer with the selected learning rate and save {ModelFile} in the output folder.");
        var maxEpochs = CliOptionFactory.Int("--max-epochs", "Epochs of the real fit (--train).", DefaultMaxEpochs, minimum: 1);
        var weights = new Option<string?>("--weights")
        {
            Description = $"The pretrained file ({PretrainedFiles.FileName(Trainer)}) when ML.NET cannot download it.",
            HelpName = "file",
        };
        var randomInit = CliOptionFactory.Flag(
            "--random-init",
            "Use a random-weight encoder instead of the pretrained one: for trying the tool without a download, not for real training.");
        var command = new System.CommandLine.Command(Name, Description) { dataset, validation, hasHeader };
        if (LabelDescription is not null)
        {
            command.Options.Add(label);
        }

        var columns = AddColumnOptions(command);
        Option<int>? batchSize = null;
        if (DefaultBatchSize is { } defaultBatchSize)
        {
            batchSize = CliOptionFactory.Int("--batch-size", "Rows per optimizer step, in the sweep and in the fit.", defaultBatchSize, minimum: 1);
            command.Options.Add(batchSize);
        }

        command.Options.Add(output);
        sweep.AddTo(command);
        var tune = new TuneOptionSet();
        tune.AddTo(command);
        command.Options.Add(train);
        command.Options.Add(maxEpochs);
        command.Options.Add(weights);
        command.Options.Add(randomInit);
        command.Validators.Add(result =>
        {
            if (result.GetResult(weights) is not null && result.GetResult(randomInit) is not null)
            {
                result.AddError("--weights and --random-init cannot be used together.");
            }
        });

        command.SetAction(parseResult => context.Guard(parseResult, () =>
        {
            var run = new TrainerRun(
                parseResult.GetValue(dataset)!,
                parseResult.GetValue(validation),
                parseResult.GetValue(hasHeader),
                LabelDescription is null ? string.Empty : parseResult.GetValue(label)!,
                columns.ToDictionary(c => c.Key, c => parseResult.GetValue(c.Value) ?? string.Empty),
                batchSize is null ? null : parseResult.GetValue(batchSize),
                parseResult.GetValue(output)!,
                BindOptions(parseResult, sweep, tune),
                parseResult.GetValue(train),
                parseResult.GetValue(maxEpochs),
                parseResult.GetValue(weights),
                parseResult.GetValue(randomInit));
            return Run(context, run);
        }));
        return command;
    }

    // The finder's options: the sweep's, and with --tune the tuning step's.
    private static LrFinderTrainerOptions BindOptions(ParseResult parseResult, SweepOptionSet sweep, TuneOptionSet tune)
    {
        var options = sweep.Bind<LrFinderTrainerOptions>(parseResult);
        options.Tune = tune.Bind(parseResult);
        return options;
    }

    /// <summary>What <c>--label-col</c> holds for this trainer; null when the trainer has no label column.</summary>
    protected abstract string? LabelDescription { get; }

    /// <summary>The default of <c>--label-col</c>.</summary>
    protected virtual string DefaultLabelColumn => "Label";

    /// <summary>Adds the trainer's column options.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The options by the role they name.</returns>
    protected abstract IReadOnlyDictionary<string, Option<string>> AddColumnOptions(System.CommandLine.Command command);

    /// <summary>Converts the columns the trainer reads.</summary>
    /// <param name="mlContext">The run's context.</param>
    /// <param name="run">What the command line asked for.</param>
    /// <param name="train">The training data as text columns.</param>
    /// <param name="validation">The validation data, if any.</param>
    /// <returns>The prepared data.</returns>
    protected abstract PreparedData Prepare(MLContext mlContext, TrainerRun run, TabularDataset train, TabularDataset? validation);

    /// <summary>
    /// The trainer alone, as the ML.NET catalog returns it: what the finder sweeps and tunes, and the real fit's first step.
    /// </summary>
    /// <param name="mlContext">The run's context.</param>
    /// <param name="run">What the command line asked for.</param>
    /// <param name="data">The prepared data.</param>
    /// <param name="learningRate">The learning rate; null: the trainer's own.</param>
    /// <returns>The trainer.</returns>
    protected abstract IEstimator<ITransformer> CreateTrainer(MLContext mlContext, TrainerRun run, PreparedData data, double? learningRate);

    /// <summary>Whether the trainer predicts a key that the saved model maps back to the user's values (<c>PredictedLabel</c>).</summary>
    protected virtual bool PredictsKeys => false;

    /// <summary>The real fit's estimator: the trainer with the learning rate, then the key-to-value mapping when it predicts keys.</summary>
    private IEstimator<ITransformer> CreateModel(MLContext mlContext, TrainerRun run, PreparedData data, double? learningRate)
    {
        var trainer = CreateTrainer(mlContext, run, data, learningRate);
        return PredictsKeys ? trainer.Append(mlContext.Transforms.Conversion.MapKeyToValue(TrainerColumns.PredictedLabel)) : trainer;
    }

    /// <summary>Fits the preprocessing chain once on the training data and applies it to both sets.</summary>
    protected static PreparedData Fit(
        IEstimator<ITransformer> conversions, TabularDataset train, TabularDataset? validation, params (string Role, string Column)[] columns)
    {
        var transformer = conversions.Fit(train.Data);
        return new PreparedData(transformer, transformer.Transform(train.Data), validation is null ? null : transformer.Transform(validation.Data), columns);
    }

    // The command in five steps: load the data (and the pretrained file), sweep, tune, write the files, fit.
    private int Run(CommandContext context, TrainerRun run)
    {
        var ansi = context.Console.CreateAnsiConsole();
        using var folder = OutputFolder.Begin(run.Output);
        string runFolder = Path.Combine(Path.GetTempPath(), "lrfind-" + Guid.NewGuid().ToString("N"));

        // libtorch would print an NNPACK warning per convolution on CPUs NNPACK does not support (object detection): off for
        // the sweep and the fit, so standard error carries only the tool's own lines.
        using var quietConvolutions = LibTorchNnpack.Disable();
        try
        {
            var (mlContext, train, data) = Load(context, run, runFolder);
            WriteHeader(ansi, run, data);
            var result = Sweep(context, ansi, mlContext, run, data);
            var tuned = Tune(ansi, mlContext, run, data, result);
            if (tuned is not null)
            {
                TuneOutput.WriteFiles(tuned, folder);
            }
            else
            {
                ResultFiles.Write(result, folder);
            }

            if (run.Train)
            {
                // The library's choice: the tuned rate (the chosen candidate's, else the sweep's), or the sweep's selected one.
                Fit(context, ansi, mlContext, run, data, train, tuned is not null ? tuned.LearningRate : result.SelectedLearningRate, folder);
            }

            folder.Commit();
            var written = run.Train ? ResultFiles.All.Append(ModelFile) : ResultFiles.All;
            ansi.WriteLine($"Wrote {string.Join(", ", written)} to {folder.Target}");
            return ExitCodes.Success;
        }
        finally
        {
            if (Directory.Exists(runFolder))
            {
                Directory.Delete(runFolder, recursive: true);
            }
        }
    }

    /// <summary>Reads and converts the data, then puts the pretrained file where ML.NET looks (<c>--weights</c>, <c>--random-init</c>).</summary>
    private (MLContext MlContext, TabularDataset Train, PreparedData Data) Load(CommandContext context, TrainerRun run, string runFolder)
    {
        var mlContext = new MLContext(run.Options.Seed);
        var train = TabularDataset.Load(mlContext, run.Dataset, run.HasHeader, "--dataset");
        var validation = run.ValidationDataset is { } validationPath
            ? TabularDataset.Load(mlContext, validationPath, run.HasHeader, "--validation-dataset")
            : null;
        var data = Prepare(mlContext, run, train, validation);

        // After the input checks, so that bad input costs nothing and prints only its own line.
        if (run.Weights is not null || run.RandomInit)
        {
            mlContext.TempFilePath = runFolder;
            if (run.Weights is { } weights)
            {
                PretrainedFiles.Provide(Trainer, weights, runFolder);
            }
            else
            {
                context.Console.Error.WriteLine(
                    $"lrfind {Name}: warning: --random-init: the encoder has random weights. This is for trying the tool without a download; its curve says nothing about the pretrained model, so do not use its learning rate for real training.");
                mlContext.LrFinder().WriteRandomWeights(Trainer, run.Options.Seed ?? 1);
            }
        }

        return (mlContext, train, data);
    }

    private void WriteHeader(IAnsiConsole ansi, TrainerRun run, PreparedData data)
    {
        var options = run.Options;
        ansi.WriteLine($"Trainer:   {Name}{(run.BatchSize is { } b ? string.Create(CultureInfo.InvariantCulture, $", batch {b}") : string.Empty)}");
        ansi.WriteLine($"Data:      {run.Dataset}; {string.Join(", ", data.Columns.Select(c => $"{c.Role} '{c.Column}'"))}");
        ansi.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Sweep:     {options.NumberOfIterations} iterations, learning rate {LrFormat.LearningRate(options.StartLearningRate)} to {LrFormat.LearningRate(options.EndLearningRate)}, {options.Schedule.ToString().ToLowerInvariant()}"));
    }

    /// <summary>Sweeps the trainer with a live progress display and prints the suggestions; the library's errors become the tool's.</summary>
    private LrFinderResult Sweep(CommandContext context, IAnsiConsole ansi, MLContext mlContext, TrainerRun run, PreparedData data)
    {
        LrFinderResult result;
        try
        {
            result = SweepProgress.Run(
                context.Console,
                ansi,
                "sweep",
                run.Options.NumberOfIterations,
                progress => mlContext.LrFinder().Find(CreateTrainer(mlContext, run, data, learningRate: null), data.Train, run.Options, progress, context.CancellationToken));
        }
        catch (PretrainedModelUnavailableException e)
        {
            throw new CliFailureException(
                $"ML.NET could not download the pretrained file {e.FileName} (offline?); pass --weights <file>, or --random-init to try the tool without it.",
                e);
        }
        catch (ArgumentException e)
        {
            // The library names the column or option that does not fit the trainer: that is the user's input. The converted
            // label column is ours, so the message gets the user's column and option back.
            string message = data.Columns.FirstOrDefault(c => c.Role is "label" or "tags") is { Column: { } label }
                ? e.Message.Replace($"'{TrainerColumns.Label}' (LabelColumnName)", $"'{label}' (--label-col)", StringComparison.Ordinal)
                : e.Message;
            throw new CliUsageException(message, e);
        }

        context.CancellationToken.ThrowIfCancellationRequested();
        ansi.WriteLine();
        SuggestionTable.Write(ansi, result);
        return result;
    }

    /// <summary>
    /// With <c>--tune</c> and a selected rate: probes the candidates on <c>--validation-dataset</c> (or a held-out share of the
    /// training rows; see docs/tuning.md) and prints them. Null otherwise.
    /// </summary>
    private LrTuneResult? Tune(IAnsiConsole ansi, MLContext mlContext, TrainerRun run, PreparedData data, LrFinderResult result)
    {
        if (run.Options.Tune is null || result.SelectedLearningRate is null)
        {
            return null;
        }

        ansi.WriteLine();
        ansi.WriteLine($"Tuning:    probes scored on {(run.ValidationDataset is { } v ? v : "a held-out share of --dataset")}");
        LrTuneResult tuned;
        try
        {
            tuned = mlContext.LrFinder().Tune(
                CreateTrainer(mlContext, run, data, learningRate: null), data.Train, data.Validation, result, run.Options, TuneOutput.ProbeLines(ansi));
        }
        catch (ArgumentException e) when (e.ParamName == "validationData")
        {
            throw new CliUsageException($"{(run.ValidationDataset is null ? "--dataset" : "--validation-dataset")}: {e.Message}", e);
        }

        TuneOutput.Write(ansi, tuned);
        return tuned;
    }

    /// <summary>The real fit (<c>--train</c>) at <paramref name="learningRate"/> (null: the trainer's own), saved as <see cref="ModelFile"/>.</summary>
    private void Fit(
        CommandContext context, IAnsiConsole ansi, MLContext mlContext, TrainerRun run, PreparedData data, TabularDataset train, double? learningRate, OutputFolder folder)
    {
        if (learningRate is null)
        {
            context.Console.Error.WriteLine($"lrfind {Name}: warning: no learning rate was selected; the fit uses the trainer's own.");
        }

        ansi.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Training {Name} for {run.MaxEpochs} epochs at learning rate {(learningRate is { } lr ? LrFormat.LearningRate(lr) : "(the trainer's)")}…"));
        var model = EpochProgress.Run(
            context.Console, ansi, mlContext, run.MaxEpochs, learningRate ?? double.NaN, () => CreateModel(mlContext, run, data, learningRate).Fit(data.Train));
        mlContext.Model.Save(data.Preprocessing.Append(model), train.Data.Schema, folder.PathFor(ModelFile));
    }
}
