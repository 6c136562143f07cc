using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// A trainer's own loss for one step, read back from what its backward pass left on the logits of its head's last layer,
/// without the labels: for a summed cross-entropy scaled by <c>s</c> the gradient is <c>s · (softmax − one-hot(target))</c>, so
/// the targets are where <c>softmax − gradient / s</c> peaks; for a summed squared error it is <c>2 · (prediction − target)</c>.
/// Computed in float64 from the float32 logits.
/// </summary>
internal static class TrainerLoss
{
    /// <summary><c>s · Σ_rows CE(row)</c> over the rows of 2-D <paramref name="logits"/> (rows × classes).</summary>
    public static double CrossEntropySum(Tensor logits, Tensor gradient, double scale)
    {
        using var scope = NewDisposeScope();
        var values = logits.detach().to_type(ScalarType.Float64);
        var oneHot = values.softmax(1) - (gradient.to_type(ScalarType.Float64) / scale);
        var targets = oneHot.argmax(1, keepdim: true);
        var perRow = values.logsumexp(1) - values.gather(1, targets).squeeze(1);
        return scale * perRow.sum().item<double>();
    }

    /// <summary>Σ (prediction − target)², from the gradient alone.</summary>
    public static double SquaredErrorSum(Tensor gradient)
    {
        using var scope = NewDisposeScope();
        var half = gradient.to_type(ScalarType.Float64) / 2;
        return (half * half).sum().item<double>();
    }
}
