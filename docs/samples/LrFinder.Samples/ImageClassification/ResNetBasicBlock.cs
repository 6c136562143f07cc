using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>ResNet's basic block: two 3×3 convolutions and a shortcut (a strided 1×1 convolution where the shape changes).</summary>
public sealed class ResNetBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly ConvBatchNorm first;
    private readonly ConvBatchNorm second;
    private readonly ConvBatchNorm? shortcut;

    /// <summary>Creates the block; a stride of 2 halves the image and adds the 1×1 shortcut.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="inputChannels">Channels in.</param>
    /// <param name="outputChannels">Channels out.</param>
    /// <param name="stride">1, or 2 for the first block of a stage that halves the image.</param>
    public ResNetBasicBlock(string name, long inputChannels, long outputChannels, long stride)
        : base(name)
    {
        // The export pads a strided 3×3 convolution by 1 before and 0 after (the same output size as torchvision's 1 and 1 on
        // an even input, one pixel shifted); the shortcut is ML.NET's too: 1×1, stride 2, no padding.
        long[] pads = stride == 1 ? [1, 1, 1, 1] : [1, 1, 0, 0];
        first = new ConvBatchNorm("first", inputChannels, outputChannels, 3, stride, pads);
        second = new ConvBatchNorm("second", outputChannels, outputChannels, 3, 1, [1, 1, 1, 1]);
        shortcut = stride == 1 && inputChannels == outputChannels
            ? null
            : new ConvBatchNorm("shortcut", inputChannels, outputChannels, 1, stride, [0, 0, 0, 0]);
        RegisterComponents();
    }

    /// <summary>The convolutions in the order the ONNX graph lists them: the shortcut (when there is one), then the two 3×3.</summary>
    public IEnumerable<ConvBatchNorm> ConvolutionsInGraphOrder => shortcut is null ? [first, second] : [shortcut, first, second];

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var residual = second.call(nn.functional.relu(first.call(input)));
        var identity = shortcut is null ? input : shortcut.call(input);
        return nn.functional.relu(residual + identity);
    }
}
