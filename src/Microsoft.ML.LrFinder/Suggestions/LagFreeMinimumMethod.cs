namespace Microsoft.ML.LrFinder;

/// <summary>The learning rate at the lowest lag-free loss, divided by a constant.</summary>
internal sealed class LagFreeMinimumMethod : ILrSuggestionMethod
{
    public LagFreeMinimumMethod(string name, double divisor)
    {
        Name = name;
        Divisor = divisor;
    }

    public string Name { get; }

    public double Divisor { get; }

    public string Rule => FormattableString.Invariant($"The learning rate at the lowest lag-free loss, divided by {LrFormat.Number(Divisor)}.");

    public LrSuggestion Suggest(LrCurve curve)
    {
        var window = LagFreeWindow.Of(curve);
        if (!window.Decreases)
        {
            return window.NoSuggestion(Name);
        }

        var point = window.Points[window.Minimum];
        double learningRate = point.LearningRate / Divisor;
        return Suggest(learningRate, point, FormattableString.Invariant(
            $"the lag-free loss is lowest ({LrFormat.Loss(point.LagFreeLoss)}) at learning rate {LrFormat.LearningRate(point.LearningRate)}; divided by {LrFormat.Number(Divisor)} that is {LrFormat.LearningRate(learningRate)}."));
    }

    private LrSuggestion Suggest(double learningRate, LrCurvePoint point, string explanation) =>
        double.IsFinite(learningRate) && learningRate > 0
            ? LrSuggestion.At(Name, learningRate, point, explanation, LrLossCurve.LagFree)
            : SuggestionWindow.Suggest(Name, learningRate, point, explanation);
}
