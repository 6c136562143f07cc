using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>BERT's input layer: word + token-type + position embeddings, summed in that order, then LayerNorm and dropout.</summary>
internal sealed class BertEmbeddings : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding word;
    private readonly Embedding position;
    private readonly Embedding tokenType;
    private readonly LayerNorm norm;
    private readonly Dropout dropout;

    public BertEmbeddings(BertShape shape, double dropoutProbability)
        : base(nameof(BertEmbeddings))
    {
        word = nn.Embedding(shape.VocabularySize, shape.HiddenSize);
        position = nn.Embedding(shape.MaximumPositions, shape.HiddenSize);
        tokenType = nn.Embedding(shape.TokenTypeCount, shape.HiddenSize);
        norm = nn.LayerNorm(shape.HiddenSize, eps: shape.LayerNormEpsilon);
        dropout = nn.Dropout(dropoutProbability);
        RegisterComponents();
    }

    public Embedding Word => word;

    public Embedding Position => position;

    public Embedding TokenType => tokenType;

    public LayerNorm Norm => norm;

    /// <summary>[B, T] token ids and token-type ids → [B, T, hidden].</summary>
    public override Tensor forward(Tensor tokenIds, Tensor tokenTypeIds)
    {
        var positions = arange(tokenIds.shape[1], dtype: ScalarType.Int64, device: tokenIds.device).unsqueeze(0);
        var sum = word.call(tokenIds) + tokenType.call(tokenTypeIds) + position.call(positions);
        return dropout.call(norm.call(sum));
    }
}
