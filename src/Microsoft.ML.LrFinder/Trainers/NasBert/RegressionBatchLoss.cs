using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>SentenceSimilarity: squared error of the squeezed logits [B] against the float labels.</summary>
internal sealed class RegressionBatchLoss : NasBertBatchLoss
{
    private readonly float[] targets;

    public RegressionBatchLoss(float[] labels, nn.Reduction reduction)
        : base(reduction)
    {
        targets = labels;
    }

    protected override Tensor ComputeCore(Tensor logits, int firstRow)
    {
        var batch = tensor(targets.AsSpan(firstRow, (int)logits.shape[0]).ToArray(), device: logits.device);
        return nn.functional.mse_loss(logits.squeeze(), batch, Reduction);
    }
}
