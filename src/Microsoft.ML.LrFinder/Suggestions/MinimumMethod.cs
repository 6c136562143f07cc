namespace Microsoft.ML.LrFinder;

/// <summary>
/// fastai's <c>minimum</c>: a tenth of the learning rate at the lowest smoothed loss of the window. The reported point is
/// the minimum itself, so a plot shows where the value comes from; the suggested learning rate lies a decade to its left.
/// </summary>
internal sealed class MinimumMethod : ILrSuggestionMethod
{
    internal const double Divisor = 10;

    public string Name => "minimum";

    public string Rule => "A tenth of the learning rate at the lowest smoothed loss (fastai's minimum); the point shown is the minimum.";

    public LrSuggestion Suggest(LrCurve curve)
    {
        var window = SuggestionWindow.Of(curve);
        if (window.Count == 0)
        {
            return SuggestionWindow.Empty(Name);
        }

        var point = window.Points[CurveMath.ArgMin(window.Losses)];
        return SuggestionWindow.Suggest(Name, point.LearningRate / Divisor, point, FormattableString.Invariant(
            $"the smoothed loss is lowest ({LrFormat.Loss(point.SmoothedLoss)}) at iteration {point.Iteration}, learning rate {LrFormat.LearningRate(point.LearningRate)}; a tenth of it is {LrFormat.LearningRate(point.LearningRate / Divisor)}."));
    }
}
