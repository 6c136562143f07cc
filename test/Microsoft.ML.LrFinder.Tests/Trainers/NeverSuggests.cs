namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>A selector that never suggests, to exercise the no-suggestion policy deterministically.</summary>
internal sealed class NeverSuggests : ILrSuggestionMethod
{
    public string Name => "never";

    public string Rule => "never suggests a learning rate.";

    public LrSuggestion Suggest(LrCurve curve) => LrSuggestion.None(Name, "this test method never suggests.");
}
