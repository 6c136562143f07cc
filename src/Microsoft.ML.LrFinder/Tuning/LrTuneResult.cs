namespace Microsoft.ML.LrFinder;

/// <summary>
/// What the tuning step produced: the sweep it started from, every probe of every round with its held-out loss after a short
/// fit, and the chosen one (the lowest held-out loss of the last round). Plots, the JSON report and the CLI are views of it.
/// </summary>
public sealed class LrTuneResult
{
    /// <summary>Creates a result. <see cref="LrTuneRunner"/> builds them; use this for tuning done elsewhere.</summary>
    /// <param name="finderResult">The sweep the candidates were chosen from.</param>
    /// <param name="candidates">Every probe, by round (<see cref="LrTuneCandidate.Round"/>) and within a round in ascending order of learning rate.</param>
    /// <param name="probeSteps">The optimizer steps each probe of the last round was given; at least 0.</param>
    /// <param name="budgetSteps">The optimizer steps of the real fit the probes are a fraction of; at least 0.</param>
    /// <param name="warnings">Diagnostics in words.</param>
    /// <param name="elapsed">The wall time of the probes (the sweep's is <see cref="LrFinderResult.Elapsed"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probeSteps"/> or <paramref name="budgetSteps"/> is negative.</exception>
    public LrTuneResult(
        LrFinderResult finderResult,
        IEnumerable<LrTuneCandidate> candidates,
        int probeSteps,
        int budgetSteps,
        IEnumerable<string> warnings,
        TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(finderResult);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentOutOfRangeException.ThrowIfNegative(probeSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(budgetSteps);
        FinderResult = finderResult;
        Candidates = candidates.ToArray();
        ProbeSteps = probeSteps;
        BudgetSteps = budgetSteps;
        Warnings = warnings.ToArray();
        Elapsed = elapsed;
        Chosen = ChooseLowest(Candidates);
    }

    /// <summary>The finder's result the candidates were chosen from: the sweep's curve, suggestions and selected learning rate.</summary>
    public LrFinderResult FinderResult { get; }

    /// <summary>
    /// Every probe of every round (learning rate, held-out loss, steps run, round): a rate that survived a round appears once
    /// per round it was probed in. By round, and within a round in ascending order of learning rate.
    /// </summary>
    public IReadOnlyList<LrTuneCandidate> Candidates { get; }

    /// <summary>
    /// The probe of the last round with the lowest finite held-out loss (the lower learning rate on a tie); null when no probe
    /// ran (the sweep selected nothing) or every probe of the last round had a non-finite loss.
    /// </summary>
    public LrTuneCandidate? Chosen { get; }

    /// <summary>The chosen learning rate; null when nothing was chosen.</summary>
    public double? ChosenLearningRate => Chosen?.LearningRate;

    /// <summary>
    /// The learning rate to train with: <see cref="ChosenLearningRate"/>, or, when no candidate was chosen (every probe's loss
    /// was non-finite), the finder's <see cref="LrFinderResult.SelectedLearningRate"/>; null when the sweep selected nothing.
    /// <c>WithLrFinder</c> fits with this rate, and <c>lrfind --tune --train</c> does.
    /// </summary>
    public double? LearningRate => ChosenLearningRate ?? FinderResult.SelectedLearningRate;

    /// <summary>The optimizer steps each probe of the last round was given (every probe's, for the single-round step).</summary>
    public int ProbeSteps { get; }

    /// <summary>The rounds run: 1 for the single-round step, 0 when nothing was probed.</summary>
    public int Rounds => Candidates.Count == 0 ? 0 : Candidates.Max(c => c.Round) + 1;

    /// <summary>The optimizer steps of the real fit the probes are a fraction of.</summary>
    public int BudgetSteps { get; }

    /// <summary>The optimizer steps the probes ran in total (the sweep's are <see cref="LrFinderResult.IterationsRun"/>).</summary>
    public int TotalProbeSteps => Candidates.Sum(c => c.StepsRun);

    /// <summary>Diagnostics in words (for example "the sweep made no suggestion: nothing was probed").</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The wall time of the probes.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// A one-line summary: the chosen learning rate and its held-out loss, how many candidate rates were probed (and in how
    /// many rounds, when more than one), the sweep's own
    /// summary in brackets and how many tuning warnings there are. The full text report is <c>result.ToText()</c>
    /// (<c>LrTuneReport.ToText</c>, docs/tuning.md).
    /// </summary>
    /// <returns>The summary, one line.</returns>
    public override string ToString()
    {
        int rates = Candidates.Select(c => c.LearningRate).Distinct().Count();
        string rounds = Rounds > 1 ? FormattableString.Invariant($" in {Rounds} rounds") : string.Empty;
        string choice = Chosen is { } chosen
            ? FormattableString.Invariant($"chose {LrFormat.LearningRate(chosen.LearningRate)} (held-out loss {LrFormat.Loss(chosen.ValidationLoss)}) of {rates} candidates{rounds}")
            : FormattableString.Invariant($"chose nothing of {rates} candidates{rounds}");
        return FormattableString.Invariant(
            $"{choice} [sweep: {FinderResult}]; {Warnings.Count} tuning warning{(Warnings.Count == 1 ? string.Empty : "s")}");
    }

    private static LrTuneCandidate? ChooseLowest(IReadOnlyList<LrTuneCandidate> candidates)
    {
        LrTuneCandidate? best = null;
        int last = candidates.Count == 0 ? 0 : candidates.Max(c => c.Round);
        foreach (var candidate in candidates.Where(c => c.Round == last).OrderBy(c => c.LearningRate))
        {
            if (double.IsFinite(candidate.ValidationLoss) && (best is null || candidate.ValidationLoss < best.Value.ValidationLoss))
            {
                best = candidate;
            }
        }

        return best;
    }
}
