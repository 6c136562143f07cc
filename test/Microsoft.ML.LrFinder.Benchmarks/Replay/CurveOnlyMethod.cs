namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>A rule read from the curve and the schedule only, as a user who does not give the fit's epochs gets it.</summary>
internal sealed class CurveOnlyMethod : ILrSuggestionMethod
{
    private readonly ILrSuggestionMethod inner;

    public CurveOnlyMethod(ILrSuggestionMethod inner) => this.inner = inner;

    public string Name => inner.Name;

    public string Rule => inner.Rule;

    public LrSuggestion Suggest(LrCurve curve) => inner.Suggest(curve);

    public LrSuggestion Suggest(LrCurve curve, LrTrainingSchedule schedule) => inner.Suggest(curve, schedule);
}
