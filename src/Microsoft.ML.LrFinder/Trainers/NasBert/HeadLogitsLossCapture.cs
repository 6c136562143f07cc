using Microsoft.ML.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// The loss capture of the NAS-BERT family: a forward hook on the head's final dense layer sees each batch's logits and
/// recomputes the trainer's own loss on them (<see cref="NasBertBatchLoss"/>); the <see cref="SweepScheduler"/> that replaces the
/// one-cycle scheduler is stepped once per optimizer step, after clipping and Adam, and hands that loss on.
/// </summary>
internal sealed class HeadLogitsLossCapture : IStepLossCapture
{
    private readonly Linear.HookRemover hook;
    private int nextRow;
    private double? stepLoss;

    /// <param name="headDense">The head's final dense layer.</param>
    /// <param name="batchLoss">The trainer's loss over the sweep's rows, in the order the trainer reads them.</param>
    /// <param name="onStepLoss">Receives each step's loss.</param>
    /// <param name="trainerName">The trainer's catalog name, for messages.</param>
    public HeadLogitsLossCapture(Linear headDense, NasBertBatchLoss batchLoss, Action<double> onStepLoss, string trainerName)
    {
        hook = headDense.register_forward_hook((_, _, logits) =>
        {
            stepLoss = batchLoss.Compute(logits, nextRow);
            nextRow += (int)logits.shape[0];
            return logits;
        });
        Scheduler = new SweepScheduler(() =>
        {
            double loss = stepLoss ?? throw new InvalidOperationException($"{trainerName}: the optimizer stepped without a forward pass through the head.");
            stepLoss = null;
            onStepLoss(loss);
        });
    }

    /// <inheritdoc/>
    public LRScheduler Scheduler { get; }

    /// <inheritdoc/>
    public IProgressChannel? Progress => null;

    /// <inheritdoc/>
    public void StartPass() => nextRow = 0;

    /// <inheritdoc/>
    public void Dispose() => hook.remove();
}
