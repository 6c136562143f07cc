using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>
/// The tests' one small real training setup, built from one seed: 256 generated points in 8 dimensions, labelled by a random
/// linear teacher into 3 classes, and an MLP with BatchNorm (buffers) and, unless turned off, dropout (randomness), trained with
/// Adam after a few warm-up steps so that the optimizer state (moments, step counts) and the gradients are not trivial. The
/// concurrency tests turn dropout off: torch's random generator is per process (docs/reliability.md).
/// </summary>
internal sealed class SmallClassifier : IDisposable
{
    public const int BatchSize = 16;

    private readonly Tensor features;
    private readonly Tensor labels;

    public SmallClassifier(int seed = 1, Func<IEnumerable<Parameter>, OptimizerHelper>? optimizer = null, bool warmUp = true, bool dropout = true)
    {
        using var generator = random.manual_seed(seed);
        features = randn(256, 8);
        using (var teacher = randn(8, 3))
        using (var logits = features.matmul(teacher))
        {
            labels = logits.argmax(1);
        }

        Batches = Enumerable.Range(0, 256 / BatchSize)
            .Select(i => (features.narrow(0, i * BatchSize, BatchSize), labels.narrow(0, i * BatchSize, BatchSize)))
            .ToList();
        var layers = new List<(string, nn.Module<Tensor, Tensor>)> { ("fc1", nn.Linear(8, 32)), ("bn", nn.BatchNorm1d(32)), ("relu", nn.ReLU()) };
        if (dropout)
        {
            layers.Add(("drop", nn.Dropout(0.2)));
        }

        layers.Add(("fc2", nn.Linear(32, 3)));
        Model = nn.Sequential(layers);
        Optimizer = optimizer?.Invoke(Model.parameters()) ?? optim.Adam(Model.parameters(), lr: 1e-3);
        LossModule = nn.CrossEntropyLoss();
        if (warmUp)
        {
            WarmUp();
        }
    }

    public Sequential Model { get; }

    public OptimizerHelper Optimizer { get; }

    public CrossEntropyLoss LossModule { get; }

    public List<(Tensor Input, Tensor Target)> Batches { get; }

    /// <summary>Counts calls; the test decides what a call returns.</summary>
    public int LossCalls { get; private set; }

    public Func<Tensor, Tensor, Tensor> Loss(Func<int, Tensor, Tensor>? alter = null) => (prediction, target) =>
    {
        int call = LossCalls++;
        var loss = LossModule.call(prediction, target);
        return alter is null ? loss : alter(call, loss);
    };

    /// <summary>Every byte a sweep could change: parameters, gradients, buffers, optimizer state, learning rates, training flags.</summary>
    public byte[][] Fingerprint() => TrainingStateFingerprint.Of(Model, Optimizer);

    /// <summary>A seeded sweep over 1e-5 to 1 (the loss falls and then rises on this model).</summary>
    public LrFinderResult Sweep(int iterations = 60, int? seed = 42) => TorchSharpLrFinder.Find(
        Model,
        Optimizer,
        LossModule.call,
        Batches,
        new TorchSharpLrFinderOptions { StartLearningRate = 1e-5, EndLearningRate = 1, NumberOfIterations = iterations, Seed = seed });

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

    private void WarmUp()
    {
        Model.train();
        foreach (var (input, target) in Batches.Take(3))
        {
            using var scope = NewDisposeScope();
            Optimizer.zero_grad();
            LossModule.call(Model.call(input), target).backward();
            Optimizer.step();
        }

        // A user may sweep a model left in evaluation mode; the sweep trains it and must give the flag back.
        Model.eval();
    }
}
