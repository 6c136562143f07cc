namespace Microsoft.ML.LrFinder;

/// <summary>
/// The learning rate at the lowest point of the lag-free curve, divided by a constant that depends on how the rate will be
/// used: a one-cycle peak can sit closer to the minimum than a constant rate can. One of the two readings of
/// <see cref="LagFreeMethod"/>, the default rule (docs/suggestions.md, docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Of the points a rule could start from, the lag-free minimum was among those whose distance to the best rate varied least
/// from task to task (docs/benchmarks.md, "Anchors"); fastai's minimum of the lagged curve sits half a decade or more to the
/// right of the real one, by an amount that depends on the curve's slope, which is why fastai divides it by 10. The
/// suggestion is never right of the minimum (the divisors are at least 1), so never where the loss has started to rise, and
/// the lag-free curve ends before a divergent tail (docs/suggestions.md), so never where training broke down.
/// </remarks>
internal sealed class LagFreeMinimumMethod : ILrSuggestionMethod
{
    public LagFreeMinimumMethod(string name, double constantDivisor, double oneCycleDivisor)
    {
        Name = name;
        ConstantDivisor = constantDivisor;
        OneCycleDivisor = oneCycleDivisor;
    }

    /// <summary>The rule with one divisor for both uses (the replay's families).</summary>
    public LagFreeMinimumMethod(string name, double divisor)
        : this(name, divisor, divisor)
    {
    }

    public string Name { get; }

    /// <summary>The divisor for a rate used as it is for the whole fit.</summary>
    public double ConstantDivisor { get; }

    /// <summary>The divisor for a rate used as the peak of a one-cycle schedule.</summary>
    public double OneCycleDivisor { get; }

    public string Rule => FormattableString.Invariant(
        $"The learning rate at the lowest point of the lag-free loss, divided by {LrFormat.Number(ConstantDivisor)} for a constant rate or {LrFormat.Number(OneCycleDivisor)} for a one-cycle peak.");

    /// <summary>The divisor for <paramref name="schedule"/>.</summary>
    public double DivisorFor(LrTrainingSchedule schedule) => schedule == LrTrainingSchedule.OneCycle ? OneCycleDivisor : ConstantDivisor;

    public LrSuggestion Suggest(LrCurve curve) => Suggest(curve, LrTrainingSchedule.Constant);

    public LrSuggestion Suggest(LrCurve curve, LrTrainingSchedule schedule)
    {
        var window = LagFreeWindow.Of(curve);
        if (!window.Decreases)
        {
            return window.NoSuggestion(Name);
        }

        var point = window.Points[window.Minimum];
        double divisor = DivisorFor(schedule);
        double learningRate = point.LearningRate / divisor;
        string use = schedule == LrTrainingSchedule.OneCycle ? "the peak of a one-cycle schedule" : "a constant rate";
        return SuggestionWindow.Suggest(Name, learningRate, point, LrLossCurve.LagFree, FormattableString.Invariant(
            $"the lag-free loss is lowest ({LrFormat.Loss(point.LagFreeLoss)}) at learning rate {LrFormat.LearningRate(point.LearningRate)}; for {use} the rule divides it by {LrFormat.Number(divisor)}: {LrFormat.LearningRate(learningRate)}."));
    }
}
