using Microsoft.ML.Data;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp.NasBert;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// NamedEntityRecognition's held-out loss for the tuning step: the trainer's own per-token cross-entropy
/// (<see cref="TokenClassificationBatchLoss"/>, the loss it trains on) on the logits the fitted model's head computes for each
/// held-out row while the transformer predicts it, averaged over every token position (the start token included, as the
/// trainer counts it). The transformer has no score column to evaluate, so the logits are read by a forward hook on the head's
/// final dense layer, as the sweep reads them.
/// </summary>
internal static class TokenClassificationValidationLoss
{
    /// <summary>The mean per-token cross-entropy of <paramref name="model"/> on <paramref name="validation"/>.</summary>
    /// <param name="model">The fitted NamedEntityRecognition transformer.</param>
    /// <param name="validation">The held-out rows: sentence and per-word tag columns, as the trainer was given.</param>
    /// <param name="options">The trainer's options (column names).</param>
    /// <param name="headDense">The final dense layer of <paramref name="model"/>'s head.</param>
    /// <param name="tokenizer">The tokenizer the trainer and transformer use.</param>
    /// <returns>The mean loss per token position; positive infinity when a logit is not finite.</returns>
    public static double Compute(ITransformer model, IDataView validation, NasBertTrainer.NasBertOptions options, Linear headDense, Tokenizer tokenizer)
    {
        var targets = NasBertBatchLoss.Read(validation, options, tokenizer, nn.Reduction.Sum);
        var scored = model.Transform(validation);
        var prediction = scored.Schema[options.PredictionColumnName];
        double total = 0;
        long positions = 0;
        int rows = 0;
        int forwardPasses = 0;

        // The transformer runs the model once per row, in row order, but not always while that row is read (it can run the
        // next row's pass ahead): the k-th pass is the k-th row's.
        var hook = headDense.register_forward_hook((_, _, logits) =>
        {
            total += targets.Compute(logits, forwardPasses++);
            positions += logits.shape[1];
            return logits;
        });
        try
        {
            using var cursor = scored.GetRowCursor([prediction]);
            var predict = cursor.GetGetter<VBuffer<uint>>(prediction);
            VBuffer<uint> tags = default;
            while (cursor.MoveNext())
            {
                predict(ref tags);
                rows++;
            }
        }
        finally
        {
            hook.remove();
        }

        if (forwardPasses != rows)
        {
            throw new InvalidOperationException($"NamedEntityRecognition: predicting {rows} rows ran {forwardPasses} forward passes through the head, not one per row.");
        }

        return positions > 0 && double.IsFinite(total) ? total / positions : double.PositiveInfinity;
    }
}
