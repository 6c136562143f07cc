using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// The loss of the NAS-BERT tasks with one target per row: the batch's targets are the rows' own, sliced in cursor order, and
/// the trainer's loss compares them with the logits.
/// </summary>
internal sealed class RowTargetBatchLoss : NasBertBatchLoss
{
    private readonly Func<int, int, Device, Tensor> batchTargets;
    private readonly Func<Tensor, Tensor, nn.Reduction, Tensor> loss;

    private RowTargetBatchLoss(nn.Reduction reduction, Func<int, int, Device, Tensor> batchTargets, Func<Tensor, Tensor, nn.Reduction, Tensor> loss)
        : base(reduction)
    {
        this.batchTargets = batchTargets;
        this.loss = loss;
    }

    /// <summary>TextClassification: cross-entropy of logits [B, classes] against key − 1 (TextClassificationTrainer.AddToTargets).</summary>
    public static RowTargetBatchLoss Classification(uint[] keys, nn.Reduction reduction)
    {
        long[] targets = keys.Select(k => (long)k - 1).ToArray();
        return new(
            reduction,
            (firstRow, rows, device) => tensor(targets.AsSpan(firstRow, rows).ToArray(), device: device),
            (logits, batch, lossReduction) => nn.functional.cross_entropy(logits, batch, reduction: lossReduction));
    }

    /// <summary>SentenceSimilarity: squared error of the squeezed logits [B] against the float labels.</summary>
    public static RowTargetBatchLoss Regression(float[] labels, nn.Reduction reduction) => new(
        reduction,
        (firstRow, rows, device) => tensor(labels.AsSpan(firstRow, rows).ToArray(), device: device),
        (logits, batch, lossReduction) => nn.functional.mse_loss(logits.squeeze(), batch, lossReduction));

    protected override Tensor ComputeCore(Tensor logits, int firstRow) => loss(logits, batchTargets(firstRow, (int)logits.shape[0], logits.device), Reduction);
}
