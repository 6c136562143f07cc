using Microsoft.ML.Runtime;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The progress channel handed to ObjectDetection's and QuestionAnswer's <c>Train</c>. With <c>LogEveryNStep = 1</c> they call
/// <see cref="Checkpoint"/> after every optimizer step with the step's loss first (decompiled 0.23.1: <c>Checkpoint(loss,
/// updates)</c>): the exact loss as a double, with no log line to parse.
/// </summary>
internal sealed class SweepProgressChannel : IProgressChannel
{
    private readonly Action<double> onStepLoss;

    public SweepProgressChannel(Action<double> onStepLoss)
    {
        this.onStepLoss = onStepLoss;
    }

    public void Checkpoint(params double?[] values)
    {
        if (values is { Length: > 0 } && values[0] is { } loss)
        {
            onStepLoss(loss);
        }
    }

    public void SetHeader(ProgressHeader header, Action<IProgressEntry> fillAction)
    {
    }

    public IProgressChannel StartProgressChannel(string name) => new SweepProgressChannel(_ => { });

    public void Dispose()
    {
    }
}
