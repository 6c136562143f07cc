using Microsoft.ML.LrFinder.Benchmarks.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>
/// Many sweeps in one process on the digits MLP. Live tensors are read from TorchSharp's counters and compared with a control
/// of plain training loops (the raw count moves by a constant per model, which is not a leak); resident
/// memory is read after warm-up sweeps, so the allocator's first growth is not mistaken for a leak.
/// </summary>
internal static class LeakBenchmark
{
    public static LeakResult Run(int sweeps)
    {
        const int Seed = 1;
        var task = TaskCatalog.DigitsMlp();
        using var prepared = task.Prepare(Seed);
        using var batches = task.CreateBatches(prepared, Seed, LrFinderDefaults.NumberOfIterations);
        using var model = task.CreateModel(Seed);
        using var optimizer = task.CreateOptimizer(model, 1e-3);
        // The default range diverges, so each sweep also takes the early-stop path and its NaN checks.
        var options = new LrFinderOptions { SuggestionMethods = LrSuggestionMethods.All };

        void Sweep() => TorchSweep.Run(model, optimizer, task.Loss, batches, options);

        void PlainLoop()
        {
            for (int i = 0; i < LrFinderDefaults.NumberOfIterations; i++)
            {
                using var scope = NewDisposeScope();
                var (features, labels) = batches[i];
                optimizer.zero_grad();
                var loss = task.Loss(model.call(features), labels);
                loss.backward();
                optimizer.step();
                _ = loss.item<float>();
            }
        }

        // Warm-up: Adam's state, the allocator's pools, the JIT.
        PlainLoop();
        for (int i = 0; i < 3; i++)
        {
            Sweep();
        }

        ProcessMemory.Settle();
        long controlBefore = Tensor.TotalCount;
        for (int i = 0; i < sweeps; i++)
        {
            PlainLoop();
        }

        ProcessMemory.Settle();
        long controlGrowth = Tensor.TotalCount - controlBefore;

        // The optimizer of the control went on training; put the learning rate back where a sweep leaves it.
        BenchmarkTask.SetLearningRate(optimizer, 1e-3);
        ProcessMemory.Settle();
        long rssBefore = ProcessMemory.ResidentBytes();
        long tensorsBefore = Tensor.TotalCount;
        long threadLiveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < sweeps; i++)
        {
            Sweep();
        }

        ProcessMemory.Settle();
        long threadLiveGrowth = DisposeScopeManager.Statistics.ThreadTotalLiveCount - threadLiveBefore;
        return new LeakResult(sweeps, tensorsBefore, Tensor.TotalCount, controlGrowth, threadLiveGrowth, rssBefore, ProcessMemory.ResidentBytes());
    }
}
