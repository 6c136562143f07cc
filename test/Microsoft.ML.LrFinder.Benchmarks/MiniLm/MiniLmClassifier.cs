using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>
/// A text classifier on a pretrained <see cref="BertEncoder"/>: rows of token ids (as floats, padded at the end with
/// <see cref="BertShape.PaddingTokenId"/>, the benchmark's feature rows) → the encoder → the mean of the tokens' last hidden
/// states (sentence-transformers' pooling, which MiniLM was trained with) → dropout → a new linear head.
/// </summary>
internal sealed class MiniLmClassifier : nn.Module<Tensor, Tensor>
{
    private readonly BertEncoder encoder;
    private readonly Dropout dropout;
    private readonly Linear head;

    /// <param name="encoder">The encoder; it becomes this module's.</param>
    /// <param name="classCount">The number of classes; at least 2.</param>
    public MiniLmClassifier(BertEncoder encoder, int classCount)
        : base(nameof(MiniLmClassifier))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        this.encoder = encoder;
        dropout = nn.Dropout(BertEncoder.DefaultDropout);
        head = nn.Linear(encoder.Shape.HiddenSize, classCount);
        RegisterComponents();
    }

    /// <summary>[B, T] token ids as floats → [B, classes] logits.</summary>
    public override Tensor forward(Tensor tokenRows)
    {
        var tokenIds = tokenRows.to_type(ScalarType.Int64);
        var mask = tokenIds.ne(BertShape.PaddingTokenId);
        // Only the columns up to the batch's longest text: padding at the end is masked out of attention and pooling, so it
        // changes nothing but the cost, and most comments are far shorter than the row.
        long length = Math.Max(1, mask.sum(dim: 1).max().item<long>());
        tokenIds = tokenIds.narrow(1, 0, length);
        mask = mask.narrow(1, 0, length).to_type(ScalarType.Int64);
        var hidden = encoder.call(tokenIds, mask, zeros_like(tokenIds));
        var weights = mask.unsqueeze(-1).to_type(hidden.dtype);
        var pooled = (hidden * weights).sum(dim: 1) / weights.sum(dim: 1).clamp_min(1e-9);
        return head.call(dropout.call(pooled));
    }
}
