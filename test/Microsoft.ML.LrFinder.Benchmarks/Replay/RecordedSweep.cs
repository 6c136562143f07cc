namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>A sweep's raw (learning rate, loss) points as recorded, up to where it stopped.</summary>
internal sealed record RecordedSweep(int Iterations, string StopReason, IReadOnlyList<(double LearningRate, double Loss)> Points);
