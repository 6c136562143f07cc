namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// One member of a rule family: its constants, the lag-free bandwidth its curve is smoothed with, the method, and optionally a
/// factor on the method's rate read from what a user knows of the real fit (its epochs, its steps).
/// </summary>
internal sealed record ReplayRule(string Family, string Constants, double BandwidthDecades, ILrSuggestionMethod Method, Func<ReplayUnit, double>? BudgetFactor = null);
