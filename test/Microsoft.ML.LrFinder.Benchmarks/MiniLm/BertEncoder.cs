using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>
/// A BERT-shaped encoder: <see cref="BertEmbeddings"/> and <see cref="BertShape.LayerCount"/> or fewer <see cref="BertLayer"/>s.
/// Its output is the last hidden state, as the ONNX export's <c>last_hidden_state</c>; pooling is the caller's.
/// </summary>
internal sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>BERT's dropout probability (embeddings, attention weights, both residual branches); eval mode turns it off.</summary>
    public const double DefaultDropout = 0.1;

    /// <summary>The additive mask value of a position not attended to, the export's constant (Hugging Face's older −10000).</summary>
    private const float MaskedScore = -10000f;

    private readonly BertEmbeddings embeddings;
    private readonly ModuleList<BertLayer> layers;

    /// <param name="shape">The sizes.</param>
    /// <param name="layerCount">How many layers to build: 1 to <see cref="BertShape.LayerCount"/> (the first ones of the pretrained stack).</param>
    /// <param name="dropoutProbability">The dropout probability in training mode.</param>
    public BertEncoder(BertShape shape, int layerCount, double dropoutProbability = DefaultDropout)
        : base(nameof(BertEncoder))
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layerCount, shape.LayerCount);
        Shape = shape;
        embeddings = new BertEmbeddings(shape, dropoutProbability);
        layers = nn.ModuleList(Enumerable.Range(0, layerCount).Select(i => new BertLayer($"layer{i}", shape, dropoutProbability)).ToArray());
        RegisterComponents();
    }

    public BertShape Shape { get; }

    public BertEmbeddings Embeddings => embeddings;

    public IReadOnlyList<BertLayer> Layers => [.. layers];

    /// <summary>[B, T] token ids, attention mask (1 a token, 0 padding) and token-type ids, all int64 → [B, T, hidden].</summary>
    public override Tensor forward(Tensor tokenIds, Tensor attentionMask, Tensor tokenTypeIds)
    {
        var additiveMask = (1f - attentionMask.unsqueeze(1).unsqueeze(2).to_type(ScalarType.Float32)) * MaskedScore;
        var hidden = embeddings.call(tokenIds, tokenTypeIds);
        foreach (var layer in layers)
        {
            hidden = layer.call(hidden, additiveMask);
        }

        return hidden;
    }
}
