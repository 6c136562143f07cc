using System.Diagnostics;
using Microsoft.ML.LrFinder.Trainers;
using Microsoft.ML.LrFinder.Trainers.NasBert;
using Microsoft.ML.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>
/// The work an ML.NET trainer's sweep adds to each training step, timed on its own: the loss capture's recomputation of the
/// trainer's loss from the head's logits (<see cref="NasBertBatchLoss.Compute"/>) and the sweep's bookkeeping after the
/// optimizer step (<see cref="SweepDriver.OnStep"/>: record the point, log the progress line, set the next rate). Everything
/// else a sweep step runs is the trainer's own step. Its time ÷ a plain step is the per-step overhead the sweep can cause;
/// the per-step ratio the overhead benchmark measures by difference is that plus the noise of two timed fits.
/// </summary>
internal static class SweepStepWork
{
    /// <summary>Milliseconds per step of the sweep's own work, on TextClassification's shapes (batch × classes logits).</summary>
    public static double Milliseconds(int batchSize, int classes, int repetitions = 2000)
    {
        var keys = Enumerable.Range(0, batchSize * repetitions).Select(i => (uint)((i % classes) + 1)).ToArray();
        var loss = RowTargetBatchLoss.Classification(keys, nn.Reduction.Mean);
        using var logits = randn(batchSize, classes);
        using var parameter = new Parameter(zeros(1));
        using var optimizer = optim.Adam([parameter], 1e-4);
        IHostEnvironment environment = new MLContext(seed: 1);
        using var channel = environment.Start("LrFinder");
        var sweep = new LrSweep(new LrFinderOptions { NumberOfIterations = repetitions + 1, StopOnDivergence = false });
        var driver = new SweepDriver(sweep, optimizer, channel, "TextClassification");

        // Warm-up: the JIT and torch's first-call setup.
        loss.Compute(logits, 0);
        sweep.TryGetNextLearningRate(out _);
        var clock = Stopwatch.StartNew();
        for (int step = 0; step < repetitions; step++)
        {
            driver.OnStep(loss.Compute(logits, step * batchSize));
        }

        return clock.Elapsed.TotalMilliseconds / repetitions;
    }
}
