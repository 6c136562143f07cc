using Microsoft.ML.Runtime;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// How a sweep hears each optimizer step's loss from a trainer's own training loop: through the progress channel the loop
/// reports to (<see cref="ProgressChannelLossCapture"/>), or through a forward hook on the model and the per-step call of the
/// scheduler that replaces the trainer's (the NAS-BERT family). Disposing it removes whatever it hooked into.
/// </summary>
internal interface IStepLossCapture : IDisposable
{
    /// <summary>The scheduler that takes the place of the trainer's for the sweep; it never changes the learning rate.</summary>
    LRScheduler Scheduler { get; }

    /// <summary>The progress channel handed to the trainer's <c>Train</c>; null for trainers whose loop takes none.</summary>
    IProgressChannel? Progress { get; }

    /// <summary>Called before each pass of the trainer's loop over the sweep's rows.</summary>
    void StartPass();
}
