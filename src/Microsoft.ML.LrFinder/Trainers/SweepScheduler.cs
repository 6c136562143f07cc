using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// Takes the place of a trainer's learning-rate scheduler during a sweep. It never changes the learning rate itself (the sweep
/// sets it); for trainers that step their scheduler once per optimizer step (the NAS-BERT family), its <see cref="step()"/> is
/// the sweep's per-step callback.
/// </summary>
internal sealed class SweepScheduler : LRScheduler
{
    private readonly Action? onStep;

    /// <param name="onStep">Called on every <c>step()</c>; null for trainers whose scheduler must simply do nothing.</param>
    public SweepScheduler(Action? onStep)
    {
        this.onStep = onStep;
    }

    public override void step() => onStep?.Invoke();

    public override void step(int? epoch) => onStep?.Invoke();

    public override void step(double current, int? epoch = null) => onStep?.Invoke();
}
