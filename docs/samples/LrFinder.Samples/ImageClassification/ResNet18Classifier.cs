using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>The pretrained <see cref="ResNet18"/> trunk with a new linear head: [N, 3, H, W] → [N, classes] logits.</summary>
public sealed class ResNet18Classifier : nn.Module<Tensor, Tensor>
{
    private readonly ResNet18 trunk;
    private readonly Linear head;

    /// <summary>Puts a randomly initialised head of <paramref name="classCount"/> outputs on <paramref name="trunk"/>.</summary>
    /// <param name="trunk">The trunk; it becomes this module's.</param>
    /// <param name="classCount">The number of classes; at least 2.</param>
    public ResNet18Classifier(ResNet18 trunk, int classCount)
        : base(nameof(ResNet18Classifier))
    {
        ArgumentNullException.ThrowIfNull(trunk);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        this.trunk = trunk;
        head = nn.Linear(ResNet18.FeatureCount, classCount);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => head.call(trunk.call(input));
}
