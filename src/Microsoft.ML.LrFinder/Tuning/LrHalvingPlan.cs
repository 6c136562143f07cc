namespace Microsoft.ML.LrFinder;

/// <summary>
/// The layout of a successive-halving tuning run, before anything trains: the first round's candidate learning rates and, per
/// round, how many candidates it probes and for how many steps. Pure functions of the sweep and the budget.
/// </summary>
/// <param name="Rates">The first round's candidates, in ascending order; the selected rate among them.</param>
/// <param name="Counts">Candidates per round: the first is <c>Rates.Count</c>, each next one ⌈count ÷ Reduction⌉ but at least 2; the last is 2 (or fewer when there are fewer candidates).</param>
/// <param name="Steps">Optimizer steps of each probe, per round: every round spends an equal share of the budget, no probe is longer than the real fit and every probe trains at least one step.</param>
internal sealed record LrHalvingPlan(IReadOnlyList<double> Rates, IReadOnlyList<int> Counts, IReadOnlyList<int> Steps)
{
    /// <summary>The steps the plan spends when every probe runs in full.</summary>
    public int TotalSteps => Counts.Zip(Steps, (count, steps) => count * steps).Sum();

    /// <summary>The probes the plan runs when every round is full.</summary>
    public int TotalProbes => Counts.Sum();

    /// <summary>Lays out the run for <paramref name="finderResult"/>'s selected rate.</summary>
    /// <param name="finderResult">A sweep with a selected learning rate.</param>
    /// <param name="budgetSteps">The real fit's optimizer steps; at least 1.</param>
    /// <param name="budget">The steps all probes may spend, as a multiple of <paramref name="budgetSteps"/>; greater than 0.</param>
    /// <param name="settings">The layout.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException"><paramref name="finderResult"/> has no selected rate or no positive learning rate.</exception>
    public static LrHalvingPlan For(LrFinderResult finderResult, int budgetSteps, double budget, LrHalvingSettings settings)
    {
        var rates = LrTuneCandidates.Span(finderResult, settings);
        int total = Math.Max(1, (int)Math.Floor((budgetSteps * budget) + 1e-9));
        return Lay(rates, finderResult.SelectedLearningRate!.Value, budgetSteps, total, settings.Reduction, settings.LastRoundShare);
    }

    /// <summary>
    /// Rounds and probe lengths for <paramref name="rates"/> within <paramref name="totalSteps"/>: when the budget cannot give
    /// every probe of every round a step, the candidates farthest from <paramref name="selected"/> are left out until it can
    /// (the higher one first of two as far; the candidate nearest the selected rate always stays).
    /// </summary>
    /// <param name="rates">The candidates in ascending order, at least one.</param>
    /// <param name="selected">The sweep's selected rate.</param>
    /// <param name="budgetSteps">The real fit's steps: no probe is longer.</param>
    /// <param name="totalSteps">The steps all probes may spend; at least 1.</param>
    /// <param name="reduction">The halving factor; at least 2.</param>
    /// <returns>The plan.</returns>
    /// <param name="lastRoundShare">The last round's share of the budget; NaN (the default): an equal share per round.</param>
    public static LrHalvingPlan Lay(IReadOnlyList<double> rates, double selected, int budgetSteps, int totalSteps, int reduction, double lastRoundShare = double.NaN)
    {
        // Nearest the selected rate first; of two as far, the lower (the safer) first.
        var byCloseness = rates.OrderBy(r => Math.Round(Math.Abs(Math.Log(r / selected)), 9)).ThenBy(r => r).ToArray();
        int count = rates.Count;
        while (true)
        {
            var counts = RoundCounts(count, reduction);

            // An equal share of the budget per round (or the last round's share and an equal part of the rest for the others),
            // split among the round's probes: later rounds probe fewer candidates longer.
            int rounds = counts.Count;
            var steps = counts.Select((c, round) => Math.Min(budgetSteps, RoundSteps(totalSteps, rounds, round, lastRoundShare) / c)).ToArray();
            if (steps.All(s => s >= 1) || count == 1)
            {
                return new LrHalvingPlan(byCloseness.Take(count).Order().ToArray(), counts, steps.Select(s => Math.Max(1, s)).ToArray());
            }

            count--;
        }
    }

    private static int RoundSteps(int totalSteps, int rounds, int round, double lastRoundShare)
    {
        if (double.IsNaN(lastRoundShare) || rounds == 1)
        {
            return totalSteps / rounds;
        }

        int last = (int)Math.Floor(totalSteps * lastRoundShare);
        return round == rounds - 1 ? last : (totalSteps - last) / (rounds - 1);
    }

    /// <summary>Candidates per round from <paramref name="first"/>: ⌈count ÷ reduction⌉, at least 2, until 2 remain.</summary>
    public static IReadOnlyList<int> RoundCounts(int first, int reduction)
    {
        var counts = new List<int> { first };
        while (counts[^1] > 2)
        {
            counts.Add(Math.Max(2, (counts[^1] + reduction - 1) / reduction));
        }

        return counts;
    }
}
