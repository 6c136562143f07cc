namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>An ensemble for the replay: the geometric mean of two rules' rates (rules that fail differently), when both suggest.</summary>
internal sealed class GeometricMeanMethod : ILrSuggestionMethod
{
    private readonly ILrSuggestionMethod first;
    private readonly ILrSuggestionMethod second;

    public GeometricMeanMethod(string name, ILrSuggestionMethod first, ILrSuggestionMethod second)
    {
        Name = name;
        this.first = first;
        this.second = second;
    }

    public string Name { get; }

    public string Rule => $"The geometric mean of {first.Name} and {second.Name}.";

    public LrSuggestion Suggest(LrCurve curve) => Suggest(curve, LrTrainingSchedule.Constant);

    public LrSuggestion Suggest(LrCurve curve, LrTrainingSchedule schedule)
    {
        var a = first.Suggest(curve, schedule);
        var b = second.Suggest(curve, schedule);
        if (a.LearningRate is not { } x || b.LearningRate is not { } y)
        {
            return a.HasValue ? b : a;
        }

        return LrSuggestion.At(Name, Math.Sqrt(x * y), a.Point!.Value, Rule, LrLossCurve.LagFree);
    }
}
