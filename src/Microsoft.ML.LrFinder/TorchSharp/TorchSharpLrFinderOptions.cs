using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>Settings of a sweep over a TorchSharp module: the sweep itself plus how one step trains.</summary>
public sealed class TorchSharpLrFinderOptions
{
    /// <summary>The sweep: range, iterations, schedule, smoothing, stop rules, suggestion methods and seed.</summary>
    /// <value>Default: a new <see cref="LrFinderOptions"/> with fastai's defaults. Must not be null.</value>
    public LrFinderOptions Sweep { get; set; } = new();

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

    /// <summary>Checks every setting, including <see cref="Sweep"/>, and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentNullException"><see cref="Sweep"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its valid range; the exception names it.</exception>
    /// <exception cref="ArgumentException"><see cref="ValidationBatches"/> is empty, or a sweep setting is invalid.</exception>
    public void Validate()
    {
        if (Sweep is null)
        {
            throw new ArgumentNullException(nameof(Sweep));
        }

        Sweep.Validate();
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
    }

    /// <summary>A copy of these options (the sweep settings are copied too; the validation tensors are shared).</summary>
    /// <returns>A new options object with the same settings.</returns>
    public TorchSharpLrFinderOptions Clone()
    {
        var copy = (TorchSharpLrFinderOptions)MemberwiseClone();
        copy.Sweep = Sweep?.Clone()!;
        return copy;
    }
}
