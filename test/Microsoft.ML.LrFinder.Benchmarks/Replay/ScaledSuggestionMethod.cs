namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>A rule's rate multiplied back by a factor, to use the point a rule reads (fastai's minimum: ×10) as an anchor.</summary>
internal sealed class ScaledSuggestionMethod : ILrSuggestionMethod
{
    private readonly ILrSuggestionMethod inner;
    private readonly double factor;

    public ScaledSuggestionMethod(ILrSuggestionMethod inner, double factor)
    {
        this.inner = inner;
        this.factor = factor;
    }

    public string Name => inner.Name;

    public string Rule => inner.Rule;

    public LrSuggestion Suggest(LrCurve curve)
    {
        var suggestion = inner.Suggest(curve);
        return suggestion.LearningRate is { } rate ? LrSuggestion.At(Name, rate * factor, suggestion.Point!.Value, suggestion.Explanation) : suggestion;
    }
}
