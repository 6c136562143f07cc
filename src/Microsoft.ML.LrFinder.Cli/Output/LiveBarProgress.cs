using Spectre.Console;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>
/// Feeds a Spectre progress task: its value is the iteration, its state the latest learning rate, smoothed loss, elapsed time
/// and time left.
/// </summary>
internal sealed class LiveBarProgress : IProgress<LrFinderProgress>
{
    internal const string LearningRateKey = "lr";
    internal const string SmoothedLossKey = "loss";
    internal const string ElapsedSecondsKey = "elapsed";
    internal const string RemainingSecondsKey = "remaining";
    private readonly ProgressTask _task;

    public LiveBarProgress(ProgressTask task) => _task = task;

    public void Report(LrFinderProgress value)
    {
        _task.State.Update<double>(LearningRateKey, _ => value.LearningRate);
        _task.State.Update<double>(SmoothedLossKey, _ => value.SmoothedLoss);
        _task.State.Update<double>(ElapsedSecondsKey, _ => value.Elapsed.TotalSeconds);
        _task.State.Update<double>(RemainingSecondsKey, _ => PlainLineProgress.Remaining(value).TotalSeconds);
        _task.Value = value.Iteration + 1;
    }
}
