using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>
/// One post-LayerNorm BERT transformer layer: multi-head self-attention, add and norm, a GELU feed-forward, add and norm. The
/// linear layers are named after the Hugging Face modules their pretrained weights come from (<see cref="MiniLmOnnxWeights"/>).
/// </summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear attentionOutput;
    private readonly LayerNorm attentionNorm;
    private readonly Linear intermediate;
    private readonly Linear output;
    private readonly LayerNorm outputNorm;
    private readonly Dropout attentionDropout;
    private readonly Dropout hiddenDropout;
    private readonly long headCount;
    private readonly long headSize;

    public BertLayer(string name, BertShape shape, double dropoutProbability)
        : base(name)
    {
        headCount = shape.HeadCount;
        headSize = shape.HeadSize;
        query = nn.Linear(shape.HiddenSize, shape.HiddenSize);
        key = nn.Linear(shape.HiddenSize, shape.HiddenSize);
        value = nn.Linear(shape.HiddenSize, shape.HiddenSize);
        attentionOutput = nn.Linear(shape.HiddenSize, shape.HiddenSize);
        attentionNorm = nn.LayerNorm(shape.HiddenSize, eps: shape.LayerNormEpsilon);
        intermediate = nn.Linear(shape.HiddenSize, shape.IntermediateSize);
        output = nn.Linear(shape.IntermediateSize, shape.HiddenSize);
        outputNorm = nn.LayerNorm(shape.HiddenSize, eps: shape.LayerNormEpsilon);
        attentionDropout = nn.Dropout(dropoutProbability);
        hiddenDropout = nn.Dropout(dropoutProbability);
        RegisterComponents();
    }

    /// <summary>The layer's linear maps by the Hugging Face name of their module under <c>encoder.layer.N.</c>.</summary>
    public IEnumerable<(string Name, Linear Linear)> Linears =>
    [
        ("attention.self.query", query), ("attention.self.key", key), ("attention.self.value", value),
        ("attention.output.dense", attentionOutput), ("intermediate.dense", intermediate), ("output.dense", output),
    ];

    /// <summary>The layer's LayerNorms by the Hugging Face name of their module under <c>encoder.layer.N.</c>.</summary>
    public IEnumerable<(string Name, LayerNorm Norm)> Norms =>
        [("attention.output.LayerNorm", attentionNorm), ("output.LayerNorm", outputNorm)];

    /// <summary>[B, T, hidden] and the additive attention mask [B, 1, 1, T] (0 where a token is seen, −10000 where not) → [B, T, hidden].</summary>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        var attention = Attention(hidden, additiveMask);
        var attended = attentionNorm.call(hiddenDropout.call(attentionOutput.call(attention)) + hidden);
        var expanded = nn.functional.gelu(intermediate.call(attended));
        return outputNorm.call(hiddenDropout.call(output.call(expanded)) + attended);
    }

    private Tensor Attention(Tensor hidden, Tensor additiveMask)
    {
        long batch = hidden.shape[0];
        long length = hidden.shape[1];
        var queries = Heads(query.call(hidden), batch, length);
        var keys = Heads(key.call(hidden), batch, length);
        var values = Heads(value.call(hidden), batch, length);
        var scores = (queries.matmul(keys.transpose(-1, -2)) / Math.Sqrt(headSize)) + additiveMask;
        var weights = attentionDropout.call(scores.softmax(-1));
        return weights.matmul(values).transpose(1, 2).reshape(batch, length, headCount * headSize);
    }

    /// <summary>[B, T, hidden] → [B, heads, T, head size].</summary>
    private Tensor Heads(Tensor projected, long batch, long length) =>
        projected.view(batch, length, headCount, headSize).transpose(1, 2);
}
