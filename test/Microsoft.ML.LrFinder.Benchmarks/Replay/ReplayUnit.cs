namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>What a rule is scored on: one sweep of a (task, seed) and one budget's grid.</summary>
internal sealed record ReplayUnit(string Task, int Seed, RecordedSweep Sweep, RecordedGrid Grid);
