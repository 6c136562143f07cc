using System.CommandLine;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>
/// The finder options every sweeping command shares, with fastai's names translated to mlnet's kebab-case:
/// <c>--start-lr</c>, <c>--end-lr</c>, <c>--num-iterations</c>, <c>--linear</c>, <c>--no-stop-div</c>, <c>--seed</c>, <c>--suggest</c>, <c>--schedule</c>.
/// </summary>
internal sealed class SweepOptionSet
{
    public SweepOptionSet(int defaultSeed, int defaultIterations = LrFinderDefaults.NumberOfIterations)
    {
        StartLearningRate = new LearningRateOption("--start-lr", "Learning rate of the first sweep iteration.", LrFinderDefaults.StartLearningRate);
        EndLearningRate = new LearningRateOption("--end-lr", "Learning rate of the last sweep iteration; must be greater than --start-lr.", LrFinderDefaults.EndLearningRate);
        NumberOfIterations = CliOptionFactory.Int(
            "--num-iterations",
            $"Optimizer steps in the sweep; {HelpText.SuggestionWindow}.",
            defaultIterations,
            minimum: 2);
        Linear = CliOptionFactory.Flag("--linear", "Move the learning rate linearly instead of exponentially.");
        NoStopOnDivergence = CliOptionFactory.Flag(
            "--no-stop-div", $"Keep sweeping when the smoothed loss exceeds {LrFormat.Number(LrFinderDefaults.DivergenceThreshold)}x its best value.");
        Seed = new Option<int>("--seed")
        {
            Description = "Seed of the data shuffle and of torch's generator, so two runs give the same curve.",
            HelpName = "n",
            DefaultValueFactory = _ => defaultSeed,
        };
        Suggest = new SuggestOption();
        TrainingSchedule = new TrainingScheduleOption();
    }

    public LearningRateOption StartLearningRate { get; }

    public LearningRateOption EndLearningRate { get; }

    public Option<int> NumberOfIterations { get; }

    public Option<bool> Linear { get; }

    public Option<bool> NoStopOnDivergence { get; }

    public Option<int> Seed { get; }

    public SuggestOption Suggest { get; }

    public TrainingScheduleOption TrainingSchedule { get; }

    /// <summary>Adds the options to <paramref name="command"/>, with the check that the start is below the end.</summary>
    /// <param name="command">The sweeping command.</param>
    public void AddTo(System.CommandLine.Command command)
    {
        command.Options.Add(StartLearningRate.Option);
        command.Options.Add(EndLearningRate.Option);
        command.Options.Add(NumberOfIterations);
        command.Options.Add(Linear);
        command.Options.Add(NoStopOnDivergence);
        command.Options.Add(Seed);
        command.Options.Add(Suggest.Option);
        command.Options.Add(TrainingSchedule.Option);
        command.Validators.Add(result =>
        {
            if (StartLearningRate.TryGet(result, out double start, out string startText)
                && EndLearningRate.TryGet(result, out double end, out string endText)
                && start >= end)
            {
                result.AddError($"--start-lr ({startText}) must be less than --end-lr ({endText}).");
            }
        });
    }

    /// <summary>The finder options the command line asks for, as the options type of the face the command calls.</summary>
    /// <typeparam name="TOptions">The face's options type: <see cref="TorchSharpLrFinderOptions"/> or <see cref="LrFinderTrainerOptions"/>.</typeparam>
    /// <param name="parseResult">A parse result without errors.</param>
    /// <returns>Validated options.</returns>
    public TOptions Bind<TOptions>(ParseResult parseResult)
        where TOptions : LrFinderOptions, new()
    {
        var options = new TOptions
        {
            StartLearningRate = StartLearningRate.Get(parseResult),
            EndLearningRate = EndLearningRate.Get(parseResult),
            NumberOfIterations = parseResult.GetValue(NumberOfIterations),
            Schedule = parseResult.GetValue(Linear) ? LrSchedule.Linear : LrSchedule.Exponential,
            StopOnDivergence = !parseResult.GetValue(NoStopOnDivergence),
            Seed = parseResult.GetValue(Seed),
        };
        Suggest.ApplyTo(parseResult, options);
        TrainingSchedule.ApplyTo(parseResult, options);
        options.Validate();
        return options;
    }
}
