using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>
/// A convolution without bias followed by batch normalization, with the ONNX graph's padding, which may differ before and
/// after (ML.NET's CNTK export pads its strided convolutions by 1 before and 0 after).
/// </summary>
public sealed class ConvBatchNorm : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d norm;

    /// <summary>Creates the pair with random weights; <see cref="ResNet18OnnxWeights"/> loads the pretrained ones.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="inputChannels">Channels in.</param>
    /// <param name="outputChannels">Channels out.</param>
    /// <param name="kernelSize">Square kernel side.</param>
    /// <param name="stride">Stride in both directions.</param>
    /// <param name="pads">Padding in ONNX order: begin-height, begin-width, end-height, end-width.</param>
    public ConvBatchNorm(string name, long inputChannels, long outputChannels, long kernelSize, long stride, long[] pads)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(pads);
        if (pads.Length != 4)
        {
            throw new ArgumentException("must hold 4 values: begin-height, begin-width, end-height, end-width.", nameof(pads));
        }

        KernelSize = kernelSize;
        Stride = stride;
        OnnxPads = pads.ToArray();
        conv = nn.Conv2d(inputChannels, outputChannels, kernelSize, stride, padding: 0, bias: false);
        norm = nn.BatchNorm2d(outputChannels, eps: Epsilon);
        RegisterComponents();
    }

    /// <summary>The batch normalization's ε, ONNX's default and the export's.</summary>
    public const double Epsilon = 1e-5;

    /// <summary>Square kernel side.</summary>
    public long KernelSize { get; }

    /// <summary>Stride in both directions.</summary>
    public long Stride { get; }

    /// <summary>Padding in ONNX order: begin-height, begin-width, end-height, end-width.</summary>
    public IReadOnlyList<long> OnnxPads { get; }

    /// <summary>The convolution's weight, [out, in, k, k].</summary>
    public Tensor Weight => conv.weight!;

    /// <summary>The batch normalization's scale, shift, running mean and running variance.</summary>
    public BatchNorm2d Norm => norm;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var padded = OnnxPads.All(p => p == 0) ? input : nn.functional.pad(input, TorchPads(OnnxPads));
        return norm.call(conv.call(padded));
    }

    /// <summary>ONNX's (begin-h, begin-w, end-h, end-w) as torch's pad order for the last two dimensions (left, right, top, bottom).</summary>
    internal static long[] TorchPads(IReadOnlyList<long> onnxPads) => [onnxPads[1], onnxPads[3], onnxPads[0], onnxPads[2]];
}
