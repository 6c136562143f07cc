using System.CommandLine;
using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>
/// The tuning options of the commands that can tune after the sweep: <c>--tune</c>, <c>--tune-budget</c>, and the single-round
/// step's <c>--tune-candidates</c> and <c>--probe-fraction</c> (see docs/tuning.md).
/// </summary>
internal sealed class TuneOptionSet
{
    public TuneOptionSet()
    {
        Tune = CliOptionFactory.Flag(
            "--tune",
            "After the sweep, probe learning rates across the curve's credible range with short fits from the same start (successive halving: the best third probed longer each round) and choose the one with the lowest held-out loss.");
        Budget = new Option<double>("--tune-budget")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"With --tune: the steps all probes may train together, as a multiple of the real fit's, in (0, {LrTuneOptions.MaximumBudget}]."),
            HelpName = "fits",
            DefaultValueFactory = _ => LrTuneDefaults.Budget,
        };
        Budget.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value <= LrTuneOptions.MaximumBudget))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--tune-budget must be greater than 0 and at most {LrTuneOptions.MaximumBudget} (got {value})."));
            }
        });
        Candidates = CliOptionFactory.Int(
            "--tune-candidates",
            string.Create(CultureInfo.InvariantCulture, $"With --tune: run the single-round step instead, probing this many candidates around the selected rate once each (1 to {LrTuneOptions.MaximumCandidateCount})."),
            LrTuneDefaults.CandidateCount,
            minimum: 1);
        ProbeFraction = new Option<double>("--probe-fraction")
        {
            Description = "With --tune: run the single-round step instead, each probe training this share of the training budget, in (0, 1].",
            HelpName = "value",
            DefaultValueFactory = _ => LrTuneDefaults.ProbeFraction,
        };
        ProbeFraction.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value <= 1))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--probe-fraction must be greater than 0 and at most 1 (got {value})."));
            }
        });
        Candidates.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() > LrTuneOptions.MaximumCandidateCount)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--tune-candidates must be at most {LrTuneOptions.MaximumCandidateCount}."));
            }
        });
    }

    public Option<bool> Tune { get; }

    public Option<double> Budget { get; }

    public Option<int> Candidates { get; }

    public Option<double> ProbeFraction { get; }

    public void AddTo(System.CommandLine.Command command)
    {
        command.Options.Add(Tune);
        command.Options.Add(Budget);
        command.Options.Add(Candidates);
        command.Options.Add(ProbeFraction);
    }

    /// <summary>
    /// The tuning settings, or null when <c>--tune</c> is absent: successive halving within <c>--tune-budget</c>, or the
    /// single-round step when <c>--tune-candidates</c> or <c>--probe-fraction</c> is given.
    /// </summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The settings.</returns>
    public LrTuneOptions? Bind(ParseResult result)
    {
        if (!result.GetValue(Tune))
        {
            return null;
        }

        var options = new LrTuneOptions { Budget = result.GetValue(Budget) };
        if (Given(result, Candidates))
        {
            options.CandidateCount = result.GetValue(Candidates);
        }

        if (Given(result, ProbeFraction))
        {
            options.ProbeFraction = result.GetValue(ProbeFraction);
        }

        return options;
    }

    private static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
