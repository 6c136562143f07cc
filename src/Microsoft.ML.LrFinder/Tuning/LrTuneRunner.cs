using System.Diagnostics;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Runs the tuning step after a sweep. By default, successive halving: candidates spanning the range the sweep's curve finds
/// credible are each probed briefly from the same starting state and scored on held-out data; the best third (at least two)
/// are probed again, from the same starting state and for three times as many steps, until two remain; the lowest held-out
/// loss of the last round is chosen. With a single-round setting (<see cref="LrTuneOptions.SingleRound"/>), the neighbours of
/// the selected rate are each probed once (<see cref="LrTuneCandidates"/>).
/// </summary>
public static class LrTuneRunner
{
    /// <summary>Tunes <paramref name="finderResult"/>'s selected learning rate on <paramref name="target"/>.</summary>
    /// <param name="target">What to probe; it is left as it was after every probe.</param>
    /// <param name="finderResult">The sweep to tune; when it selected nothing, no probe runs and the result says so in a warning.</param>
    /// <param name="budgetSteps">
    /// The optimizer steps of the real fit. Successive halving spends at most <see cref="LrTuneOptions.Budget"/> × this in all
    /// (at least one step per probe) and no probe is longer; a single-round probe trains <see cref="LrTuneOptions.ProbeSteps"/>
    /// of it. At least 1.
    /// </param>
    /// <param name="options">The budget, or the single-round settings; default null: <see cref="LrTuneDefaults"/>. Not modified.</param>
    /// <param name="progress">Receives one report per completed probe (with its round), on the calling thread; default null.</param>
    /// <param name="cancellationToken">Checked before each probe and by the target between probe steps; cancelling throws <see cref="OperationCanceledException"/> after the restore.</param>
    /// <returns>The sweep, every probe of every round with its held-out loss and steps run, and the chosen one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> or <paramref name="finderResult"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetSteps"/> or an option is out of range (the exception names it).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static LrTuneResult Run(
        ILrProbeTarget target,
        LrFinderResult finderResult,
        int budgetSteps,
        LrTuneOptions? options = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(finderResult);
        var settings = options?.Clone() ?? new LrTuneOptions();
        settings.Validate();
        if (budgetSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetSteps), budgetSteps, "must be at least 1.");
        }

        var stopwatch = Stopwatch.StartNew();
        if (finderResult.SelectedLearningRate is null)
        {
            int steps = settings.SingleRound ? settings.ProbeSteps(budgetSteps) : 0;
            return new LrTuneResult(finderResult, [], steps, budgetSteps, ["The sweep selected no learning rate: no candidate was probed."], stopwatch.Elapsed);
        }

        var run = new LrTuneRun(target, finderResult, budgetSteps, settings, progress, stopwatch, cancellationToken);
        return settings.SingleRound ? RunSingleRound(run) : RunHalving(run);
    }

    private static LrTuneResult RunHalving(LrTuneRun run)
    {
        var (target, finderResult, budgetSteps, settings, progress, stopwatch, cancellationToken) = run;
        var plan = LrHalvingPlan.For(finderResult, budgetSteps, settings.Budget, settings.Halving);
        var probes = new List<LrTuneCandidate>(plan.TotalProbes);
        var warnings = new List<string>();
        IReadOnlyList<double> rates = plan.Rates;
        int lastSteps = 0;
        for (int round = 0; round < plan.Counts.Count && rates.Count > 0; round++)
        {
            var results = new List<LrTuneCandidate>(rates.Count);
            foreach (double rate in rates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var candidate = target.Probe(rate, plan.Steps[round], cancellationToken) with { Round = round };
                results.Add(candidate);
                probes.Add(candidate);
                progress?.Report(new LrTuneProgress(probes.Count - 1, plan.TotalProbes, candidate, stopwatch.Elapsed)
                {
                    Round = round,
                    TotalRounds = plan.Counts.Count,
                    ProbeInRound = results.Count - 1,
                    ProbesInRound = rates.Count,
                });
            }

            lastSteps = plan.Steps[round];
            warnings.AddRange(NonFinite(results));
            if (round + 1 == plan.Counts.Count)
            {
                break;
            }

            // The best of the round survive; a non-finite probe never does. A lone survivor is already the choice.
            var survivors = Survivors(results, plan.Counts[round + 1]);
            if (survivors.Count < 2)
            {
                if (survivors.Count == 0)
                {
                    warnings.Add("Every probe of a round ended with a non-finite loss: nothing was chosen.");
                }

                break;
            }

            rates = survivors;
        }

        if (plan.Rates.Count < 2)
        {
            warnings.Insert(0, "The budget or the sweep's range left room for one candidate only: the selected rate was probed alone.");
        }

        return new LrTuneResult(finderResult, probes, lastSteps, budgetSteps, warnings, stopwatch.Elapsed);
    }

    /// <summary>The <paramref name="count"/> rates with the lowest finite held-out loss (the lower rate first on a tie), in ascending order.</summary>
    internal static IReadOnlyList<double> Survivors(IEnumerable<LrTuneCandidate> round, int count) => round
        .Where(c => double.IsFinite(c.ValidationLoss))
        .OrderBy(c => c.ValidationLoss)
        .ThenBy(c => c.LearningRate)
        .Take(count)
        .Select(c => c.LearningRate)
        .Order()
        .ToArray();

    private static LrTuneResult RunSingleRound(LrTuneRun run)
    {
        var (target, finderResult, budgetSteps, settings, progress, stopwatch, cancellationToken) = run;
        int probeSteps = settings.ProbeSteps(budgetSteps);
        var rates = LrTuneCandidates.Choose(finderResult, settings.CandidateCount, settings.CandidateSpacing);
        var candidates = new List<LrTuneCandidate>(rates.Count);
        foreach (double rate in rates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidate = target.Probe(rate, probeSteps, cancellationToken) with { Round = 0 };
            candidates.Add(candidate);
            progress?.Report(new LrTuneProgress(candidates.Count - 1, rates.Count, candidate, stopwatch.Elapsed)
            {
                ProbeInRound = candidates.Count - 1,
                ProbesInRound = rates.Count,
            });
        }

        var warnings = new List<string>();
        if (rates.Count < settings.CandidateCount)
        {
            warnings.Add($"Only {rates.Count} of {settings.CandidateCount} candidates fit inside the range the sweep trained at without diverging.");
        }

        warnings.AddRange(NonFinite(candidates));
        if (candidates.Count > 0 && candidates.All(c => !double.IsFinite(c.ValidationLoss)))
        {
            warnings.Add("Every probe ended with a non-finite loss: nothing was chosen.");
        }

        return new LrTuneResult(finderResult, candidates, probeSteps, budgetSteps, warnings, stopwatch.Elapsed);
    }

    private static IEnumerable<string> NonFinite(IEnumerable<LrTuneCandidate> probes) => probes
        .Where(c => !double.IsFinite(c.ValidationLoss))
        .Select(c => $"The probe at {LrFormat.LearningRate(c.LearningRate)} ended with a non-finite loss after {c.StepsRun} steps.");
}
