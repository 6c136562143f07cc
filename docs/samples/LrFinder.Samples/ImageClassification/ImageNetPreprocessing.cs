using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>
/// ML.NET's preprocessing for its ResNet18 (the package's <c>DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx</c>): the
/// RGB channels in the order BGR, minus a mean image (about 114 per pixel on the 0–255 scale). The mean image is 224×224;
/// for other sizes it is averaged down (or up) to the image's size, so on a 224×224 image this is exactly ML.NET's graph.
/// </summary>
public sealed class ImageNetPreprocessing : IDisposable
{
    private readonly Tensor meanImage;

    private ImageNetPreprocessing(Tensor meanImage)
    {
        this.meanImage = meanImage;
    }

    /// <summary>Where the package's build file puts the preprocessing graph in the application's folder.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>Reads the mean image from ML.NET's preprocessing graph.</summary>
    /// <param name="onnxPath">The ResNetPreprocess.onnx file; default null: <see cref="DefaultPath"/>.</param>
    /// <returns>The preprocessing.</returns>
    /// <exception cref="FileNotFoundException">There is no file at the path.</exception>
    /// <exception cref="InvalidDataException">The graph is not a channel swap to BGR followed by the subtraction of a 3×224×224 mean image.</exception>
    public static ImageNetPreprocessing Load(string? onnxPath = null)
    {
        var graph = OnnxGraphFile.Read(onnxPath ?? DefaultPath);
        var ops = graph.Nodes.Select(n => n.OpType).ToArray();
        var split = graph.Nodes.FirstOrDefault(n => n.OpType == "Split");
        var concat = graph.Nodes.FirstOrDefault(n => n.OpType == "Concat");
        var subtract = graph.Nodes.FirstOrDefault(n => n.OpType == "Sub");
        bool swapsToBgr = split is { Output.Count: 3 } && concat is { Input.Count: 3 }
            && concat.Input.SequenceEqual([split.Output[2], split.Output[1], split.Output[0]]);
        if (!ops.SequenceEqual(["Split", "Concat", "Sub"]) || !swapsToBgr || subtract!.Input[0] != concat!.Output[0])
        {
            throw new InvalidDataException(
                $"'{graph.Path}' is not ML.NET's ResNet preprocessing (RGB to BGR, then minus a mean image); its nodes are {string.Join(", ", ops)}.");
        }

        var (dimensions, values) = graph.FloatInitializer(subtract.Input[1]);
        if (!dimensions.SequenceEqual([1L, 3, 224, 224]))
        {
            throw new InvalidDataException($"'{graph.Path}': the mean image is [{string.Join(",", dimensions)}], not [1,3,224,224].");
        }

        return new ImageNetPreprocessing(tensor(values, dimensions));
    }

    /// <summary>The mean image's average per channel, in BGR order, on the 0–255 scale.</summary>
    public IReadOnlyList<double> ChannelMeans
    {
        get
        {
            using var scope = NewDisposeScope();
            return meanImage.mean([0L, 2, 3]).to_type(ScalarType.Float64).data<double>().ToArray();
        }
    }

    /// <summary>Turns RGB images into the network's input.</summary>
    /// <param name="rgb">[N, 3, H, W], RGB, 0–255. Not disposed.</param>
    /// <returns>[N, 3, H, W]: BGR minus the mean image at H×W.</returns>
    /// <exception cref="ArgumentException"><paramref name="rgb"/> is not [N, 3, H, W].</exception>
    public Tensor Apply(Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.dim() != 4 || rgb.shape[1] != 3)
        {
            throw new ArgumentException($"must be [N, 3, H, W]; it is [{string.Join(", ", rgb.shape)}].", nameof(rgb));
        }

        using var scope = NewDisposeScope();
        var mean = rgb.shape[2] == 224 && rgb.shape[3] == 224
            ? meanImage
            : nn.functional.interpolate(meanImage, [rgb.shape[2], rgb.shape[3]], mode: InterpolationMode.Area);
        return (rgb.flip(1) - mean).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose() => meanImage.Dispose();
}
