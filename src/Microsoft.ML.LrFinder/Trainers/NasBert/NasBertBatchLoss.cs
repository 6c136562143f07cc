using Microsoft.ML.Data;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// The NAS-BERT trainers' own loss for one training batch, recomputed from the logits their head produced and the batch's
/// labels read in cursor order (the trainers read rows in order, <c>BatchSize</c> at a time). Recomputing the same native loss
/// on the same logits gives the trainer's value exactly (docs/architecture.md, "Facts the hook relies on").
/// </summary>
internal abstract class NasBertBatchLoss
{
    protected NasBertBatchLoss(nn.Reduction reduction)
    {
        Reduction = reduction;
    }

    protected nn.Reduction Reduction { get; }

    /// <summary>
    /// Reads the labels (and, for NER, the sentences) of <paramref name="data"/> in the order the trainer reads them.
    /// </summary>
    public static NasBertBatchLoss Read(IDataView data, NasBertTrainer.NasBertOptions options, Tokenizer tokenizer, nn.Reduction reduction) =>
        options.TaskType switch
        {
            BertTaskType.TextClassification => RowTargetBatchLoss.Classification(data.GetColumn<uint>(options.LabelColumnName).ToArray(), reduction),
            BertTaskType.SentenceRegression => RowTargetBatchLoss.Regression(data.GetColumn<float>(options.LabelColumnName).ToArray(), reduction),
            BertTaskType.NamedEntityRecognition => TokenClassificationBatchLoss.ReadRows(data, options, tokenizer, reduction),
            _ => throw new NotSupportedException($"NAS-BERT task {options.TaskType} has no LR finder loss."),
        };

    /// <summary>The loss of the batch whose logits are <paramref name="logits"/> and whose first row is <paramref name="firstRow"/>.</summary>
    /// <returns>The loss, as the trainer computes it (summed over the batch).</returns>
    public double Compute(Tensor logits, int firstRow)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return ComputeCore(logits.detach(), firstRow).item<float>();
    }

    protected abstract Tensor ComputeCore(Tensor logits, int firstRow);
}
