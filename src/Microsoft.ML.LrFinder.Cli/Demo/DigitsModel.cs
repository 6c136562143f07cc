using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.LrFinder.Cli.Demo;

/// <summary>The demo's model: a multilayer perceptron 64 → 128 → 10 with a ReLU, small enough to sweep in a second on a CPU.</summary>
internal static class DigitsModel
{
    /// <summary>Width of the hidden layer.</summary>
    public const int HiddenUnits = 128;

    /// <summary>A freshly initialised model. Seed torch first (<c>torch.manual_seed</c>) for the same weights every run.</summary>
    /// <returns>The model, in training mode.</returns>
    public static Sequential Create() => Sequential(
        ("hidden", Linear(DigitsDataset.FeatureCount, HiddenUnits)),
        ("relu", ReLU()),
        ("output", Linear(HiddenUnits, DigitsDataset.ClassCount)));

    /// <summary>The share of samples whose highest logit is their label.</summary>
    /// <param name="model">The trained model.</param>
    /// <param name="data">The held-out samples.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Accuracy(Module<Tensor, Tensor> model, DigitsDataset data)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var (features, labels) = data.ToTensors();
        var predicted = model.call(features).argmax(1);
        long correct = predicted.eq(labels).sum().item<long>();
        model.train();
        return (double)correct / data.Count;
    }
}
