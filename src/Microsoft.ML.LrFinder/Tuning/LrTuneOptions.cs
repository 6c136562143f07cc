namespace Microsoft.ML.LrFinder;

/// <summary>
/// How the tuning step that follows a sweep picks its candidate learning rates and how long it probes each one.
/// </summary>
/// <remarks>
/// Tuning costs <see cref="CandidateCount"/> × <see cref="ProbeFraction"/> of the real training budget on top of the sweep:
/// with the defaults, 2 × 0.25 = 0.5 of one fit. See docs/tuning.md for when that is worth it.
/// </remarks>
public sealed class LrTuneOptions
{
    /// <summary>The largest <see cref="CandidateCount"/> the tuning step accepts.</summary>
    public const int MaximumCandidateCount = 9;

    /// <summary>The number of candidate learning rates probed, the sweep's selected rate among them.</summary>
    /// <value>Default 2 (<see cref="LrTuneDefaults.CandidateCount"/>): the selected rate and the one below it. Must be between 1 and <see cref="MaximumCandidateCount"/> (9).</value>
    public int CandidateCount { get; set; } = LrTuneDefaults.CandidateCount;

    /// <summary>
    /// The ratio between neighbouring candidates: with 3, two candidates are the selected rate ÷ 3 and × 1, three add × 3.
    /// </summary>
    /// <value>Default 3 (<see cref="LrTuneDefaults.CandidateSpacing"/>). Must be finite and greater than 1.</value>
    public double CandidateSpacing { get; set; } = LrTuneDefaults.CandidateSpacing;

    /// <summary>The share of the real training budget (in optimizer steps) each probe trains for, rounded up to whole steps.</summary>
    /// <value>Default 0.25 (<see cref="LrTuneDefaults.ProbeFraction"/>). Must be greater than 0 and at most 1.</value>
    public double ProbeFraction { get; set; } = LrTuneDefaults.ProbeFraction;

    /// <summary>
    /// ML.NET trainers only: the share of the training rows held out to score the probes when no validation data is given
    /// (neither as an argument nor as the trainer's <c>ValidationSet</c>). The probes train on the rest; the real fit uses every row.
    /// </summary>
    /// <value>Default 0.2 (<see cref="LrTuneDefaults.HoldOutFraction"/>). Must be greater than 0 and less than 1.</value>
    public double HoldOutFraction { get; set; } = LrTuneDefaults.HoldOutFraction;

    /// <summary>ML.NET trainers only: the seed of the random split that holds rows out (<see cref="HoldOutFraction"/>).</summary>
    /// <value>Default 0 (<see cref="LrTuneDefaults.HoldOutSeed"/>). Any value.</value>
    public int HoldOutSeed { get; set; } = LrTuneDefaults.HoldOutSeed;

    /// <summary>Checks every setting and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its valid range; the exception names it.</exception>
    public void Validate()
    {
        if (CandidateCount is < 1 or > MaximumCandidateCount)
        {
            throw new ArgumentOutOfRangeException(nameof(CandidateCount), CandidateCount, "must be between 1 and 9.");
        }

        if (!(double.IsFinite(CandidateSpacing) && CandidateSpacing > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CandidateSpacing), CandidateSpacing, "must be finite and greater than 1.");
        }

        if (!(ProbeFraction > 0 && ProbeFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ProbeFraction), ProbeFraction, "must be greater than 0 and at most 1.");
        }

        if (!(HoldOutFraction > 0 && HoldOutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HoldOutFraction), HoldOutFraction, "must be greater than 0 and less than 1.");
        }
    }

    /// <summary>The number of optimizer steps one probe trains for, out of a real budget of <paramref name="budgetSteps"/>.</summary>
    /// <param name="budgetSteps">The optimizer steps of the real fit; at least 1.</param>
    /// <returns><c>⌈budgetSteps × ProbeFraction⌉</c>, at least 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetSteps"/> is less than 1.</exception>
    public int ProbeSteps(int budgetSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetSteps, 1);

        // The small tolerance keeps 100 × 0.2 at 20 steps despite binary rounding.
        return Math.Max(1, (int)Math.Ceiling((budgetSteps * ProbeFraction) - 1e-9));
    }

    /// <summary>A copy of these options, so that callers' objects are never modified.</summary>
    /// <returns>A new options object with the same settings.</returns>
    internal LrTuneOptions Clone() => (LrTuneOptions)MemberwiseClone();
}
