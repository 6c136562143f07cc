namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// One (task, seed) as the recorder saved it: the task's data source and the real fit's epochs, the sweeps it ran and, per
/// budget, the grid of trained rates.
/// </summary>
internal sealed record RecordedRun(
    string Task, string Source, int Epochs, int Seed, IReadOnlyList<RecordedSweep> Sweeps, IReadOnlyList<RecordedGrid> Budgets);
