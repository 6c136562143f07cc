using System.Diagnostics;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Runs the tuning step after a sweep: chooses candidate learning rates around the sweep's selected one
/// (<see cref="LrTuneCandidates"/>), probes each with a short fit from the same starting state, and chooses the one with the
/// lowest held-out loss.
/// </summary>
public static class LrTuneRunner
{
    /// <summary>Probes the candidates around <paramref name="finderResult"/>'s selected learning rate on <paramref name="target"/>.</summary>
    /// <param name="target">What to probe; it is left as it was after every probe.</param>
    /// <param name="finderResult">The sweep to tune; when it selected nothing, no probe runs and the result says so in a warning.</param>
    /// <param name="budgetSteps">The optimizer steps of the real fit; each probe trains <see cref="LrTuneOptions.ProbeSteps"/> of them. At least 1.</param>
    /// <param name="options">The candidates and the probe length; default null: <see cref="LrTuneDefaults"/>. Not modified.</param>
    /// <param name="progress">Receives one report per completed probe, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Checked between probe steps; cancelling throws <see cref="OperationCanceledException"/> after the restore.</param>
    /// <returns>The sweep, every candidate with its held-out loss and steps run, and the chosen one.</returns>
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

        int probeSteps = settings.ProbeSteps(budgetSteps);
        var stopwatch = Stopwatch.StartNew();
        if (finderResult.SelectedLearningRate is null)
        {
            return new LrTuneResult(finderResult, [], probeSteps, budgetSteps, ["The sweep selected no learning rate: no candidate was probed."], stopwatch.Elapsed);
        }

        var rates = LrTuneCandidates.Choose(finderResult, settings.CandidateCount, settings.CandidateSpacing);
        var candidates = new List<LrTuneCandidate>(rates.Count);
        foreach (double rate in rates)
        {
            var candidate = target.Probe(rate, probeSteps, cancellationToken);
            candidates.Add(candidate);
            progress?.Report(new LrTuneProgress(candidates.Count - 1, rates.Count, candidate, stopwatch.Elapsed));
        }

        return new LrTuneResult(finderResult, candidates, probeSteps, budgetSteps, Warnings(candidates, rates.Count, settings.CandidateCount), stopwatch.Elapsed);
    }

    private static List<string> Warnings(List<LrTuneCandidate> candidates, int probed, int requested)
    {
        var warnings = new List<string>();
        if (probed < requested)
        {
            warnings.Add($"Only {probed} of {requested} candidates fit inside the range the sweep trained at without diverging.");
        }

        foreach (var diverged in candidates.Where(c => !double.IsFinite(c.ValidationLoss)))
        {
            warnings.Add($"The probe at {LrFormat.LearningRate(diverged.LearningRate)} ended with a non-finite loss after {diverged.StepsRun} steps.");
        }

        if (candidates.Count > 0 && candidates.All(c => !double.IsFinite(c.ValidationLoss)))
        {
            warnings.Add("Every probe ended with a non-finite loss: nothing was chosen.");
        }

        return warnings;
    }
}
