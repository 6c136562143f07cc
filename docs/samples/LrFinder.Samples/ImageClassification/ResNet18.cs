using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>
/// The ResNet18 trunk of ML.NET's <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package, rebuilt in TorchSharp layer by
/// layer: input [N, 3, H, W] as <see cref="ImageNetPreprocessing"/> makes it (BGR, minus the mean image), output the
/// [N, 512] global average of the last feature map. At 224×224 that is the export's own 7×7 average pool; on small images
/// (32 to 64 pixels) the last map is 1×1 or 2×2 and the global average still applies.
/// </summary>
/// <remarks>
/// The layout is the export's, read from its graph (<see cref="ResNet18OnnxWeights"/> checks every convolution against
/// it): a 7×7 stride-2 stem padded 3 before and 2 after, a 3×3 stride-2 max-pool padded 1 before and 0 after, then stages of
/// 64, 128, 256 and 512 channels holding 2, 2, 2 and 3 basic blocks (22 convolutions in all, each followed by batch
/// normalization).
/// </remarks>
public sealed class ResNet18 : nn.Module<Tensor, Tensor>
{
    /// <summary>The basic blocks per stage, as the export has them.</summary>
    public static readonly IReadOnlyList<int> BlocksPerStage = [2, 2, 2, 3];

    /// <summary>The channels of each stage.</summary>
    public static readonly IReadOnlyList<long> StageChannels = [64, 128, 256, 512];

    /// <summary>
    /// The smallest image side the trunk takes: it halves the image five times, and the last stage's strided 3×3 convolution,
    /// padded 1 before and 0 after, needs a map of at least 2×2 to work on.
    /// </summary>
    public const int MinimumImageSize = 32;

    /// <summary>The number of features the trunk returns per image.</summary>
    public const long FeatureCount = 512;

    private static readonly long[] MaxPoolOnnxPads = [1, 1, 0, 0];

    private readonly ConvBatchNorm stem;
    private readonly ModuleList<ResNetBasicBlock> blocks;

    /// <summary>Creates the trunk with random weights; <see cref="ResNet18OnnxWeights.Load"/> creates it with ML.NET's.</summary>
    public ResNet18()
        : base(nameof(ResNet18))
    {
        stem = new ConvBatchNorm("stem", 3, StageChannels[0], 7, 2, [3, 3, 2, 2]);
        blocks = new ModuleList<ResNetBasicBlock>();
        long channels = StageChannels[0];
        for (int stage = 0; stage < StageChannels.Count; stage++)
        {
            for (int block = 0; block < BlocksPerStage[stage]; block++)
            {
                long stride = stage > 0 && block == 0 ? 2 : 1;
                blocks.Add(new ResNetBasicBlock($"stage{stage + 1}.{block}", channels, StageChannels[stage], stride));
                channels = StageChannels[stage];
            }
        }

        RegisterComponents();
    }

    /// <summary>Every convolution, in the order the ONNX graph lists them.</summary>
    public IEnumerable<ConvBatchNorm> ConvolutionsInGraphOrder => blocks.SelectMany(b => b.ConvolutionsInGraphOrder).Prepend(stem);

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var features = nn.functional.relu(stem.call(input));
        // Padding with −∞ is what ONNX's max-pool padding means; the ReLU above makes 0 equivalent, −∞ keeps it exact anyway.
        features = nn.functional.max_pool2d(
            nn.functional.pad(features, ConvBatchNorm.TorchPads(MaxPoolOnnxPads), value: double.NegativeInfinity), 3, 2);
        foreach (var block in blocks)
        {
            features = block.call(features);
        }

        return nn.functional.adaptive_avg_pool2d(features, 1).flatten(1);
    }
}
