namespace Microsoft.ML.LrFinder;

/// <summary>
/// How the tuning step that follows a sweep spends its compute: how much of one real fit its probes may train in all, or, for
/// the single-round step of earlier versions, how many candidates it probes and for how long.
/// </summary>
/// <remarks>
/// <para>
/// By default the tuning step runs successive halving: candidates spanning the range the sweep's curve found credible (from
/// well below the selected rate up to the highest rate the sweep trained at without diverging) are probed briefly, the best
/// third trained longer, and so on; all probes together train at most <see cref="Budget"/> × the real fit's steps.
/// </para>
/// <para>
/// Setting <see cref="CandidateCount"/>, <see cref="CandidateSpacing"/> or <see cref="ProbeFraction"/> selects the single-round
/// step instead (the neighbours of the selected rate, each probed once for <see cref="ProbeFraction"/> of the fit), as before
/// <see cref="Budget"/> existed. See docs/tuning.md for both and for when tuning is worth its cost.
/// </para>
/// </remarks>
public sealed class LrTuneOptions
{
    /// <summary>The largest <see cref="CandidateCount"/> the tuning step accepts.</summary>
    public const int MaximumCandidateCount = 9;

    /// <summary>The largest <see cref="Budget"/> the tuning step accepts: 10 real fits.</summary>
    public const double MaximumBudget = 10;

    private int candidateCount = LrTuneDefaults.CandidateCount;
    private double candidateSpacing = LrTuneDefaults.CandidateSpacing;
    private double probeFraction = LrTuneDefaults.ProbeFraction;

    /// <summary>
    /// What successive halving may spend: the optimizer steps of all probes together, as a multiple of the real fit's steps
    /// (1 = as many steps as one real fit). Ignored by the single-round step.
    /// </summary>
    /// <value>
    /// Default <see cref="LrTuneDefaults.Budget"/>. Must be greater than 0 and at most <see cref="MaximumBudget"/> (10). A
    /// budget too small to give every candidate a step probes fewer candidates.
    /// </value>
    public double Budget { get; set; } = LrTuneDefaults.Budget;

    /// <summary>
    /// Single-round step only: the number of candidate learning rates probed, the sweep's selected rate among them. Setting it
    /// selects the single-round step.
    /// </summary>
    /// <value>Default 2 (<see cref="LrTuneDefaults.CandidateCount"/>): the selected rate and the one below it. Must be between 1 and <see cref="MaximumCandidateCount"/> (9).</value>
    public int CandidateCount
    {
        get => candidateCount;
        set
        {
            candidateCount = value;
            SingleRound = true;
        }
    }

    /// <summary>
    /// Single-round step only: the ratio between neighbouring candidates: with 3, two candidates are the selected rate ÷ 3 and
    /// × 1, three add × 3. Setting it selects the single-round step.
    /// </summary>
    /// <value>Default 3 (<see cref="LrTuneDefaults.CandidateSpacing"/>). Must be finite and greater than 1.</value>
    public double CandidateSpacing
    {
        get => candidateSpacing;
        set
        {
            candidateSpacing = value;
            SingleRound = true;
        }
    }

    /// <summary>
    /// Single-round step only: the share of the real training budget (in optimizer steps) each probe trains for, rounded up to
    /// whole steps. Setting it selects the single-round step.
    /// </summary>
    /// <value>Default 0.25 (<see cref="LrTuneDefaults.ProbeFraction"/>). Must be greater than 0 and at most 1.</value>
    public double ProbeFraction
    {
        get => probeFraction;
        set
        {
            probeFraction = value;
            SingleRound = true;
        }
    }

    /// <summary>
    /// Whether the single-round step runs (a single-round setting was assigned) rather than successive halving.
    /// </summary>
    /// <value>False until <see cref="CandidateCount"/>, <see cref="CandidateSpacing"/> or <see cref="ProbeFraction"/> is set.</value>
    public bool SingleRound { get; private set; }

    /// <summary>How successive halving lays out its candidates and rounds; the benchmark measures other settings through it.</summary>
    internal LrHalvingSettings Halving { get; set; } = LrHalvingSettings.Default;

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

        if (!(Budget > 0 && Budget <= MaximumBudget))
        {
            throw new ArgumentOutOfRangeException(nameof(Budget), Budget, "must be greater than 0 and at most 10.");
        }

        if (!(HoldOutFraction > 0 && HoldOutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HoldOutFraction), HoldOutFraction, "must be greater than 0 and less than 1.");
        }
    }

    /// <summary>The number of optimizer steps one probe of the single-round step trains for, out of a real budget of <paramref name="budgetSteps"/>.</summary>
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
