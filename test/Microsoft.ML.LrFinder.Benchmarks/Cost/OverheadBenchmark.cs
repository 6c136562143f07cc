using System.Diagnostics;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>
/// Time per sweep iteration ÷ time per plain training step, on the same model, optimizer and batches, in one process.
/// Rounds alternate the order (plain then sweep, sweep then plain) so drifts of a shared machine fall on both sides,
/// and the per-round ratios are summarised by their median.
/// </summary>
internal static class OverheadBenchmark
{
    /// <summary>A range where neither model diverges, so every sweep runs all its iterations.</summary>
    private const double StartLearningRate = 1e-5;
    private const double EndLearningRate = 1e-2;

    public static OverheadResult Run(BenchmarkTask task, int rounds, int steps)
    {
        const int Seed = 1;
        using var prepared = task.Prepare(Seed);
        using var batches = task.CreateBatches(prepared, Seed, steps);
        using var model = task.CreateModel(Seed);
        using var optimizer = task.CreateOptimizer(model, StartLearningRate);
        var options = new LrFinderOptions
        {
            StartLearningRate = StartLearningRate,
            EndLearningRate = EndLearningRate,
            NumberOfIterations = steps,
            StopOnDivergence = false,
            SuggestionMethods = LrSuggestionMethods.All,
        };

        double Plain()
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++)
            {
                // The plain loop does what any training loop does per step: set the scheduled LR, step, read the loss.
                BenchmarkTask.SetLearningRate(optimizer, StartLearningRate * Math.Pow(EndLearningRate / StartLearningRate, (double)i / (steps - 1)));
                using var scope = NewDisposeScope();
                var (features, labels) = batches[i];
                optimizer.zero_grad();
                var loss = task.Loss(model.call(features), labels);
                loss.backward();
                optimizer.step();
                _ = loss.item<float>();
            }

            return clock.Elapsed.TotalMilliseconds / steps;
        }

        double Sweep()
        {
            var clock = Stopwatch.StartNew();
            var result = TorchSweep.Run(model, optimizer, task.Loss, batches, options);
            return clock.Elapsed.TotalMilliseconds / result.IterationsRun;
        }

        // Warm-up: JIT, libtorch's first allocations and Adam's lazily created state.
        Plain();
        Sweep();
        var plain = new List<double>();
        var sweep = new List<double>();
        var ratios = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            ProcessMemory.Settle();
            double p, s;
            if (round % 2 == 0)
            {
                p = Plain();
                s = Sweep();
            }
            else
            {
                s = Sweep();
                p = Plain();
            }

            plain.Add(p);
            sweep.Add(s);
            ratios.Add(s / p);
        }

        return new OverheadResult(
            task.Name, rounds, steps, Stats.Median(plain), Stats.Median(sweep), Stats.Median(ratios), Stats.Quantile(ratios, 0.25), Stats.Quantile(ratios, 0.75), sweep.Min() / plain.Min());
    }
}
