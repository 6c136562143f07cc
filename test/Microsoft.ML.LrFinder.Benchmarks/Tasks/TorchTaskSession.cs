using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using Microsoft.ML.LrFinder.Benchmarks.Regret;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>One seed of a TorchSharp task: the split and the batches are made once and shared by the grid and the sweep.</summary>
internal sealed class TorchTaskSession : IRegretSession
{
    /// <summary>Enough distinct batches for the longest recorded sweep (200 iterations) even on the smallest data set.</summary>
    private const int MinimumBatches = 2 * LrFinderDefaults.NumberOfIterations;

    private readonly BenchmarkTask task;
    private readonly int seed;
    private readonly PreparedData prepared;
    private readonly BatchSet batches;

    public TorchTaskSession(BenchmarkTask task, int seed)
    {
        this.task = task;
        this.seed = seed;
        prepared = task.Prepare(seed);
        batches = task.CreateBatches(prepared, seed, MinimumBatches);
    }

    public int BudgetSteps => task.TotalSteps(batches);

    public TrainingOutcome Train(double learningRate, TrainingBudget budget) => task.Train(prepared, batches, seed, learningRate, budget);

    public bool SupportsProbes => true;

    public TrainingOutcome Probe(double learningRate, TrainingBudget schedule, int steps) =>
        task.Train(prepared, batches, seed, learningRate, schedule, steps);

    public LrFinderResult Sweep(LrFinderOptions options)
    {
        using var model = task.CreateModel(seed);
        using var optimizer = task.CreateOptimizer(model, LrFinderDefaults.StartLearningRate);
        return TorchSweep.Run(model, optimizer, task.Loss, batches, options);
    }

    public void Dispose()
    {
        batches.Dispose();
        prepared.Dispose();
    }
}
