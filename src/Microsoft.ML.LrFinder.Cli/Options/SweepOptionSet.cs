using System.CommandLine;
using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>
/// The finder options every sweeping command shares, with fastai's names translated to mlnet's kebab-case:
/// <c>--start-lr</c>, <c>--end-lr</c>, <c>--num-iterations</c>, <c>--linear</c>, <c>--no-stop-div</c>, <c>--seed</c>, <c>--suggest</c>.
/// </summary>
internal sealed class SweepOptionSet
{
    public SweepOptionSet(int defaultSeed, int defaultIterations = LrFinderDefaults.NumberOfIterations)
    {
        StartLearningRate = CliOptionFactory.PositiveDouble("--start-lr", "Learning rate of the first sweep iteration.", LrFinderDefaults.StartLearningRate);
        EndLearningRate = CliOptionFactory.PositiveDouble("--end-lr", "Learning rate of the last sweep iteration; must be greater than --start-lr.", LrFinderDefaults.EndLearningRate);
        NumberOfIterations = CliOptionFactory.Int(
            "--num-iterations",
            "Optimizer steps in the sweep; the suggestion window skips the first tenth of them and the last 5 points.",
            defaultIterations,
            minimum: 2);
        Linear = CliOptionFactory.Flag("--linear", "Move the learning rate linearly instead of exponentially.");
        NoStopOnDivergence = CliOptionFactory.Flag("--no-stop-div", "Keep sweeping when the smoothed loss exceeds 4x its best value.");
        Seed = new Option<int>("--seed")
        {
            Description = "Seed of the data shuffle and of torch's generator, so two runs give the same curve.",
            HelpName = "n",
            DefaultValueFactory = _ => defaultSeed,
        };
        Suggest = new SuggestOption();
    }

    public Option<double> StartLearningRate { get; }

    public Option<double> EndLearningRate { get; }

    public Option<int> NumberOfIterations { get; }

    public Option<bool> Linear { get; }

    public Option<bool> NoStopOnDivergence { get; }

    public Option<int> Seed { get; }

    public SuggestOption Suggest { get; }

    /// <summary>Adds the options to <paramref name="command"/>, with the check that the start is below the end.</summary>
    /// <param name="command">The sweeping command.</param>
    public void AddTo(System.CommandLine.Command command)
    {
        command.Options.Add(StartLearningRate);
        command.Options.Add(EndLearningRate);
        command.Options.Add(NumberOfIterations);
        command.Options.Add(Linear);
        command.Options.Add(NoStopOnDivergence);
        command.Options.Add(Seed);
        command.Options.Add(Suggest.Option);
        command.Validators.Add(result =>
        {
            double start = result.GetValue(StartLearningRate);
            double end = result.GetValue(EndLearningRate);
            if (start > 0 && end > 0 && start >= end)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--start-lr ({start:G}) must be less than --end-lr ({end:G})."));
            }
        });
    }

    /// <summary>The finder options the command line asks for.</summary>
    /// <param name="parseResult">A parse result without errors.</param>
    /// <returns>Validated options.</returns>
    public LrFinderOptions Bind(ParseResult parseResult)
    {
        var options = new LrFinderOptions
        {
            StartLearningRate = parseResult.GetValue(StartLearningRate),
            EndLearningRate = parseResult.GetValue(EndLearningRate),
            NumberOfIterations = parseResult.GetValue(NumberOfIterations),
            Schedule = parseResult.GetValue(Linear) ? LrSchedule.Linear : LrSchedule.Exponential,
            StopOnDivergence = !parseResult.GetValue(NoStopOnDivergence),
            Seed = parseResult.GetValue(Seed),
        };
        Suggest.ApplyTo(parseResult, options);
        options.Validate();
        return options;
    }
}
