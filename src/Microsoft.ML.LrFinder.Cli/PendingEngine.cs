namespace Microsoft.ML.LrFinder.Cli;

// Temporary stand-in for the engine branch's API until it is merged.
internal static class PendingEngine
{
    public static IReadOnlyList<ILrSuggestionMethod> BuiltInMethods { get; } = [];

    public static ILrSuggestionMethod? FindMethod(string name) =>
        BuiltInMethods.FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static LrFinderResult Analyze(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses, bool smoothed, int requestedIterations, LrFinderOptions options) =>
        throw new NotSupportedException($"{learningRates.Count}{losses.Count}{smoothed}{requestedIterations}{options}");
}
