namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>One member of a rule family: its constants, the lag-free bandwidth its curve is smoothed with, and the method.</summary>
internal sealed record ReplayRule(string Family, string Constants, double BandwidthDecades, ILrSuggestionMethod Method);
