namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>What the replay's validation holds out together when it fits a family's constants on the rest.</summary>
internal enum ReplayHoldOut
{
    /// <summary>Every task on one data source (the figure of record: a new user's data is a new source, not a new task on known data).</summary>
    Source,

    /// <summary>One task at a time (tasks on the same data stay in the fit).</summary>
    Task,
}
