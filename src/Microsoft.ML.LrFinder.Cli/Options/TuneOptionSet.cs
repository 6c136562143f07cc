using System.CommandLine;
using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>
/// The tuning options of the commands that can tune after the sweep: <c>--tune</c>, <c>--tune-candidates</c> and
/// <c>--probe-fraction</c> (see docs/tuning.md).
/// </summary>
internal sealed class TuneOptionSet
{
    public TuneOptionSet()
    {
        Tune = CliOptionFactory.Flag(
            "--tune",
            "After the sweep, probe a few learning rates around the selected one with a short fit each and choose the one with the lowest held-out loss.");
        Candidates = CliOptionFactory.Int(
            "--tune-candidates", string.Create(CultureInfo.InvariantCulture, $"With --tune: the number of candidate learning rates probed (1 to {LrTuneOptions.MaximumCandidateCount})."), LrTuneDefaults.CandidateCount, minimum: 1);
        ProbeFraction = new Option<double>("--probe-fraction")
        {
            Description = "With --tune: the share of the training budget each probe trains for, in (0, 1].",
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

    public Option<int> Candidates { get; }

    public Option<double> ProbeFraction { get; }

    public void AddTo(System.CommandLine.Command command)
    {
        command.Options.Add(Tune);
        command.Options.Add(Candidates);
        command.Options.Add(ProbeFraction);
    }

    /// <summary>The tuning settings, or null when <c>--tune</c> is absent.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The settings.</returns>
    public LrTuneOptions? Bind(ParseResult result) => result.GetValue(Tune)
        ? new LrTuneOptions { CandidateCount = result.GetValue(Candidates), ProbeFraction = result.GetValue(ProbeFraction) }
        : null;
}
