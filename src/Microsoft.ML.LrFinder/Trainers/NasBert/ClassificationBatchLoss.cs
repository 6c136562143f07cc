using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>TextClassification: cross-entropy of logits [B, classes] against key − 1 (TextClassificationTrainer.AddToTargets).</summary>
internal sealed class ClassificationBatchLoss : NasBertBatchLoss
{
    private readonly long[] targets;

    public ClassificationBatchLoss(uint[] keys, nn.Reduction reduction)
        : base(reduction)
    {
        targets = keys.Select(k => (long)k - 1).ToArray();
    }

    protected override Tensor ComputeCore(Tensor logits, int firstRow)
    {
        var batch = tensor(targets.AsSpan(firstRow, (int)logits.shape[0]).ToArray(), device: logits.device);
        return nn.functional.cross_entropy(logits, batch, reduction: Reduction);
    }
}
