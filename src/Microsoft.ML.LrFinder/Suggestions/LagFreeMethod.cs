namespace Microsoft.ML.LrFinder;

/// <summary>
/// <c>lagfree</c>, the default rule: the geometric mean of two readings that fail in different ways, the lag-free minimum
/// divided by a constant that depends on how the rate will be used (<see cref="LagFreeMinimumMethod"/>) and halfdrop's rate
/// (where the denoised loss is halfway down, <see cref="HalfDropMethod"/>). See docs/suggestions.md.
/// </summary>
/// <remarks>
/// The lag-free minimum's distance to the best rate varies among the least from task to task, but one constant cannot fit
/// every task (fitted without it, the divisor was too small for a CNN trained at a constant rate); halfdrop reads the fall
/// itself and does not depend on where the minimum is. On the recorded suite their geometric mean had a lower mean and a lower worst
/// regret than either alone, under leave-one-task-out validation (docs/benchmarks.md). Both readings lie left of the loss
/// minimum, so their mean does too: the rule never suggests a rate where the loss has started to rise.
/// </remarks>
internal sealed class LagFreeMethod : ILrSuggestionMethod
{
    private readonly LagFreeMinimumMethod minimum;

    public LagFreeMethod(string name, double constantDivisor, double oneCycleDivisor)
    {
        Name = name;
        minimum = new LagFreeMinimumMethod(name, constantDivisor, oneCycleDivisor);
    }

    public string Name { get; }

    public string Rule => FormattableString.Invariant(
        $"The geometric mean of halfdrop's rate and the lag-free minimum's rate divided by {LrFormat.Number(minimum.ConstantDivisor)} (constant rate) or {LrFormat.Number(minimum.OneCycleDivisor)} (one-cycle peak).");

    public LrSuggestion Suggest(LrCurve curve) => Suggest(curve, LrTrainingSchedule.Constant);

    public LrSuggestion Suggest(LrCurve curve, LrTrainingSchedule schedule) => Suggest(curve, schedule, null);

    public LrSuggestion Suggest(LrCurve curve, LrTrainingSchedule schedule, int? trainingEpochs)
    {
        var suggestion = Read(curve, schedule);
        if (suggestion.LearningRate is not { } rate || trainingEpochs is not { } epochs || epochs <= LrSuggestionMethods.LagFreeEpochThreshold)
        {
            return suggestion;
        }

        // A fit of many passes over the same rows overfits at the rate the training-loss curve finds best, and the curve
        // cannot see it: the rate falls with the square of the passes beyond the threshold (docs/suggestions.md).
        double threshold = LrSuggestionMethods.LagFreeEpochThreshold;
        double factor = Math.Pow(epochs / threshold, LrSuggestionMethods.LagFreeEpochExponent);
        return SuggestionWindow.Suggest(Name, rate / factor, suggestion.Point!.Value, suggestion.Curve, FormattableString.Invariant(
            $"{suggestion.Explanation.TrimEnd('.')}; for a fit of {epochs} epochs, more than {LrFormat.Number(threshold)}, it is divided by {LrFormat.Number(factor)} (({epochs} ÷ {LrFormat.Number(threshold)})^{LrFormat.Number(LrSuggestionMethods.LagFreeEpochExponent)}): {LrFormat.LearningRate(rate / factor)}."));
    }

    private LrSuggestion Read(LrCurve curve, LrTrainingSchedule schedule)
    {
        var fromMinimum = minimum.Suggest(curve, schedule);
        var halfDrop = LrSuggestionMethods.HalfDrop.Suggest(curve);
        if (fromMinimum.LearningRate is not { } low || halfDrop.LearningRate is not { } half)
        {
            // One reading is missing (a curve too short or too flat for it): the other alone, said so.
            var only = fromMinimum.HasValue ? fromMinimum : halfDrop;
            string missing = fromMinimum.HasValue
                ? $"halfdrop made no suggestion: {halfDrop.Explanation}"
                : $"the lag-free minimum gave none: {fromMinimum.Explanation}";
            return only.LearningRate is { } rate
                ? LrSuggestion.At(Name, rate, only.Point!.Value, $"{only.Explanation} (only this reading: {missing})", only.Curve)
                : LrSuggestion.None(Name, fromMinimum.Explanation);
        }

        // √a·√b, not √(a·b): the product of two extreme rates can overflow or underflow where the mean cannot.
        double learningRate = Math.Sqrt(low) * Math.Sqrt(half);
        var point = fromMinimum.Point!.Value;
        return SuggestionWindow.Suggest(Name, learningRate, point, LrLossCurve.LagFree, FormattableString.Invariant(
            $"the lag-free loss is lowest ({LrFormat.Loss(point.LagFreeLoss)}) at learning rate {LrFormat.LearningRate(point.LearningRate)}, which ÷ {LrFormat.Number(minimum.DivisorFor(schedule))} (for {(schedule == LrTrainingSchedule.OneCycle ? "a one-cycle peak" : "a constant rate")}) is {LrFormat.LearningRate(low)}; halfdrop reads {LrFormat.LearningRate(half)}; their geometric mean is {LrFormat.LearningRate(learningRate)}."));
    }
}
