using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// The options of <see cref="TorchSharpLrFinder"/>: the sweep's settings (inherited from <see cref="LrFinderOptions"/>), how
/// one step trains, and the tuning step's settings.
/// </summary>
public sealed class TorchSharpLrFinderOptions : LrFinderOptions
{
    /// <summary>
    /// The number of batches whose gradients are summed into one optimizer step. The sweep advances once per optimizer step,
    /// so a sweep of N iterations draws N × this many batches. Each batch's loss is divided by this number before its
    /// backward pass, so the step matches one of a batch this many times larger; the recorded loss is the mean over them.
    /// </summary>
    /// <value>Default 1. Must be at least 1.</value>
    public int GradientAccumulationSteps { get; set; } = 1;

    /// <summary>
    /// A small fixed set of batches on which the loss is measured after every step (in evaluation mode, without gradients),
    /// as in Smith's original range test. When set, the curve records this validation loss instead of the training loss.
    /// The tensors stay the caller's and are never disposed.
    /// </summary>
    /// <value>Default null: the curve records the training loss. When set, must not be empty.</value>
    public IReadOnlyList<(Tensor Input, Tensor Target)>? ValidationBatches { get; set; }

    /// <summary>
    /// Clips the gradients to this total L2 norm before every optimizer step (<c>clip_grad_norm_</c>), for models whose real
    /// training clips them; the curve should be the curve of the real fit.
    /// </summary>
    /// <value>Default null: no clipping. When set, must be finite and greater than 0.</value>
    public double? MaxGradientNorm { get; set; }

    /// <summary>
    /// The tuning step's settings for <see cref="TorchSharpLrFinder.Tune(nn.Module{Tensor, Tensor}, optim.Optimizer, Func{Tensor, Tensor, Tensor}, IEnumerable{ValueTuple{Tensor, Tensor}}, IReadOnlyList{ValueTuple{Tensor, Tensor}}, int, TorchSharpLrFinderOptions?, IProgress{LrTuneProgress}?, CancellationToken)"/>:
    /// the budget of its probes, or the single-round step's candidates and probe length (see docs/tuning.md). <c>Find</c> ignores it.
    /// </summary>
    /// <value>Default null: <see cref="LrTuneDefaults"/>.</value>
    public LrTuneOptions? Tune { get; set; }

    /// <summary>Checks every setting, the inherited sweep settings first, and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its valid range; the exception names it.</exception>
    /// <exception cref="ArgumentException"><see cref="ValidationBatches"/> is empty, or a sweep setting is invalid.</exception>
    public override void Validate()
    {
        base.Validate();
        if (GradientAccumulationSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GradientAccumulationSteps), GradientAccumulationSteps, "must be at least 1.");
        }

        if (ValidationBatches is { Count: 0 })
        {
            throw new ArgumentException("must not be empty.", nameof(ValidationBatches));
        }

        if (MaxGradientNorm is { } norm && !(double.IsFinite(norm) && norm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), norm, "must be finite and greater than 0.");
        }

        Tune?.Validate();
    }

    /// <summary>A copy of these options (the tuning settings are copied too; the validation tensors are shared).</summary>
    /// <returns>A new options object with the same settings.</returns>
    internal new TorchSharpLrFinderOptions Clone() => (TorchSharpLrFinderOptions)CloneCore();

    /// <inheritdoc/>
    private protected override LrFinderOptions CloneCore()
    {
        var copy = (TorchSharpLrFinderOptions)base.CloneCore();
        copy.Tune = Tune?.Clone();
        return copy;
    }
}
