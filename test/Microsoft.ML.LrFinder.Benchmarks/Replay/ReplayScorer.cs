namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// Re-scores rules on recorded runs in seconds: each rule reads the recorded sweep, and its rate is scored on the budget's
/// grid (test loss read between grid points ÷ the test loss of the rate validation chose).
/// </summary>
internal sealed class ReplayScorer(ReplayHoldOut holdOut)
{
    private readonly Dictionary<(RecordedSweep, double), LrCurve> curves = new(ReferenceTupleComparer.Instance);
    private readonly Dictionary<(RecordedSweep, ReplayRule, LrTrainingSchedule, int), double?> suggestions = [];

    /// <summary>How a budget uses its rate: the one-cycle budget's is a peak, the constant budget's a constant.</summary>
    public static LrTrainingSchedule ScheduleOf(RecordedGrid grid) =>
        grid.Name == "one-cycle" ? LrTrainingSchedule.OneCycle : LrTrainingSchedule.Constant;

    /// <summary>The rule's rate on a sweep for a schedule and the real fit's epochs, or null when it makes no suggestion.</summary>
    public double? Suggest(ReplayRule rule, RecordedSweep sweep, LrTrainingSchedule schedule, int epochs)
    {
        if (!suggestions.TryGetValue((sweep, rule, schedule, epochs), out var rate))
        {
            rate = rule.Method.Suggest(Curve(sweep, rule.BandwidthDecades), schedule, epochs).LearningRate;
            suggestions[(sweep, rule, schedule, epochs)] = rate;
        }

        return rate;
    }

    public double? Suggest(ReplayRule rule, ReplayUnit unit) => Suggest(rule, unit.Sweep, ScheduleOf(unit.Grid), unit.Epochs) * (rule.BudgetFactor?.Invoke(unit) ?? 1);

    public double? Regret(ReplayRule rule, ReplayUnit unit) => Suggest(rule, unit) is { } rate ? unit.Grid.Regret(rate) : null;

    public ReplayScore Score(ReplayRule rule, IEnumerable<ReplayUnit> units) => ReplayScore.Of(units.Select(unit => Regret(rule, unit)));

    /// <summary>What is held out together: a whole data source or one task.</summary>
    public ReplayHoldOut HoldOut => holdOut;

    /// <summary>The validation's name for the tables: "leave-one-source-out" or "leave-one-task-out".</summary>
    public string ValidationName => holdOut == ReplayHoldOut.Source ? "leave-one-source-out" : "leave-one-task-out";

    /// <summary>The group a unit is held out with: its data source, or its task.</summary>
    public string GroupOf(ReplayUnit unit) => holdOut == ReplayHoldOut.Source ? unit.Source : unit.Task;

    /// <summary>
    /// Leave-one-group-out: for each group (source or task), the family member with the lowest objective on the other groups'
    /// units, scored on the group's own units. Returns the held-out regrets of every unit and the member chosen per group.
    /// </summary>
    public (ReplayScore Score, IReadOnlyDictionary<string, ReplayRule> Chosen) LeaveOneGroupOut(
        IReadOnlyList<ReplayRule> family, IReadOnlyList<ReplayUnit> units)
    {
        var heldOut = new List<double?>();
        var chosen = new Dictionary<string, ReplayRule>();
        foreach (var group in units.Select(GroupOf).Distinct())
        {
            var training = units.Where(u => GroupOf(u) != group).ToArray();
            var best = family.MinBy(rule => Score(rule, training).Objective)!;
            chosen[group] = best;
            heldOut.AddRange(units.Where(u => GroupOf(u) == group).Select(u => Regret(best, u)));
        }

        return (ReplayScore.Of(heldOut), chosen);
    }

    private LrCurve Curve(RecordedSweep sweep, double bandwidth)
    {
        if (!curves.TryGetValue((sweep, bandwidth), out var curve))
        {
            // The sweep's own smoothing, so fastai's rules read exactly what a live sweep would have given them.
            var average = new DebiasedMovingAverage(LrFinderDefaults.SmoothingBeta);
            var points = sweep.Points.Select((p, i) => new LrCurvePoint(i, p.LearningRate, p.Loss, average.Add(p.Loss)));
            curve = new LrCurve(points, sweep.Iterations, bandwidth);
            curves[(sweep, bandwidth)] = curve;
        }

        return curve;
    }
}
