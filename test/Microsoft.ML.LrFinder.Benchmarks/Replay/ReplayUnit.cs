namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// What a rule is scored on: one sweep of a (task, seed) and one budget's grid; <see cref="Source"/> is the task's data source,
/// <see cref="Epochs"/> the real fit's passes over its training rows.
/// </summary>
internal sealed record ReplayUnit(string Task, string Source, int Epochs, int Seed, RecordedSweep Sweep, RecordedGrid Grid);
