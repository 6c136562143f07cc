using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// A tiny real training setup for the concurrency, determinism and soak tests: 128 generated points in 8 dimensions in 3
/// classes, an MLP with BatchNorm (optionally dropout), Adam after two warm-up steps. Everything is built from one seed.
/// </summary>
internal sealed class TinyModel : IDisposable
{
    private const int BatchSize = 16;
    private readonly Tensor features;
    private readonly Tensor labels;

    public TinyModel(int seed, bool dropout = false)
    {
        using var generator = random.manual_seed(seed);
        features = randn(128, 8);
        using (var teacher = randn(8, 3))
        using (var logits = features.matmul(teacher))
        {
            labels = logits.argmax(1);
        }

        Batches = Enumerable.Range(0, 128 / BatchSize)
            .Select(i => (features.narrow(0, i * BatchSize, BatchSize), labels.narrow(0, i * BatchSize, BatchSize)))
            .ToList();
        var layers = new List<(string, nn.Module<Tensor, Tensor>)> { ("fc1", nn.Linear(8, 16)), ("bn", nn.BatchNorm1d(16)), ("relu", nn.ReLU()) };
        if (dropout)
        {
            layers.Add(("drop", nn.Dropout(0.3)));
        }

        layers.Add(("fc2", nn.Linear(16, 3)));
        Model = nn.Sequential(layers);
        Optimizer = optim.Adam(Model.parameters(), lr: 1e-3);
        LossModule = nn.CrossEntropyLoss();
        Model.train();
        foreach (var (input, target) in Batches.Take(2))
        {
            using var scope = NewDisposeScope();
            Optimizer.zero_grad();
            LossModule.call(Model.call(input), target).backward();
            Optimizer.step();
        }
    }

    public Sequential Model { get; }

    public OptimizerHelper Optimizer { get; }

    public CrossEntropyLoss LossModule { get; }

    public List<(Tensor Input, Tensor Target)> Batches { get; }

    /// <summary>A seeded sweep over 1e-5 to 1 (the loss falls and then rises on this model).</summary>
    public LrFinderResult Sweep(int iterations = 60, int? seed = 42) => TorchSharpLrFinder.Find(
        Model,
        Optimizer,
        LossModule.call,
        Batches,
        new TorchSharpLrFinderOptions { StartLearningRate = 1e-5, EndLearningRate = 1, NumberOfIterations = iterations, Seed = seed });

    public byte[][] Fingerprint() => TrainingStateFingerprint.Of(Model, Optimizer);

    public void Dispose()
    {
        foreach (var (input, target) in Batches)
        {
            input.Dispose();
            target.Dispose();
        }

        features.Dispose();
        labels.Dispose();
        Model.Dispose();
        Optimizer.Dispose();
        LossModule.Dispose();
    }
}
