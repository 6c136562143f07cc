using Microsoft.ML.Runtime;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The loss capture of ObjectDetection and QuestionAnswer: with <c>LogEveryNStep = 1</c> their <c>Train</c> hands every step's
/// loss to the progress channel it is given (<see cref="SweepProgressChannel"/>), after the optimizer step. Their scheduler is
/// replaced by one that does nothing, so that it cannot rescale the swept learning rate.
/// </summary>
internal sealed class ProgressChannelLossCapture : IStepLossCapture
{
    /// <param name="onStepLoss">Receives each step's loss.</param>
    public ProgressChannelLossCapture(Action<double> onStepLoss)
    {
        Progress = new SweepProgressChannel(onStepLoss);
    }

    /// <inheritdoc/>
    public LRScheduler Scheduler { get; } = new SweepScheduler(onStep: null);

    /// <inheritdoc/>
    public IProgressChannel? Progress { get; }

    /// <inheritdoc/>
    public void StartPass()
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
