using Microsoft.ML.LrFinder.Samples.ImageClassification;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Pretrained;

/// <summary>
/// ML.NET's ImageNet ResNet18 (the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package's ONNX file, read by the
/// image-classification sample's <see cref="ResNet18OnnxWeights"/>), read once and copied into every model a task makes: each
/// grid point, budget and sweep of a fine-tuning task starts from the same real pretrained weights, with a new head that
/// follows the seed.
/// </summary>
internal sealed class ImageNetResNet18
{
    private Dictionary<string, Tensor>? weights;

    public static string Describe => "ML.NET's ImageNet ResNet18 (Microsoft.ML.DnnImageFeaturizer.ResNet18, read from ONNX)";

    /// <summary>The pretrained trunk and a new linear head of <paramref name="classes"/> outputs; the head's weights follow the seed.</summary>
    public nn.Module<Tensor, Tensor> CreateClassifier(int seed, int classes)
    {
        weights ??= Load();
        var trunk = new ResNet18();
        using (no_grad())
        {
            foreach (var (name, tensor) in trunk.state_dict())
            {
                tensor.copy_(weights[name]);
            }
        }

        random.manual_seed(seed);
        return new ResNet18Classifier(trunk, classes);
    }

    private static Dictionary<string, Tensor> Load()
    {
        using var loaded = ResNet18OnnxWeights.Load();
        // Copies: state_dict() hands out the live parameters, which die with the loaded model.
        return loaded.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
    }
}
