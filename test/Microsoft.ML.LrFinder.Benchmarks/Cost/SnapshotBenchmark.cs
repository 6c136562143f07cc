using System.Diagnostics;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>
/// The sweep target's snapshot and restore on a model of more than 10 M parameters, timed against its training step and
/// weighed against one copy of parameters + optimizer state (both counted by <see cref="StateCensus"/>).
/// </summary>
internal static class SnapshotBenchmark
{
    public static SnapshotResult Run(int repetitions)
    {
        const int BatchSize = 64;
        random.manual_seed(1);
        using var model = TaskCatalog.CreateLargeMlp();
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-4);
        using var features = randn(BatchSize, 64);
        using var labels = randint(0, 10, [BatchSize]);
        using var batches = new BatchSet(features, labels, BatchSize, seed: 1, minimumBatches: 1);
        Tensor Loss(Tensor output, Tensor target) => nn.functional.cross_entropy(output, target);

        double Step()
        {
            var clock = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = Loss(model.call(features), labels);
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
            return clock.Elapsed.TotalMilliseconds;
        }

        // Two steps first: Adam creates its moment buffers on the first one, so the state is complete.
        Step();
        Step();
        long parameters = model.parameters().Sum(p => p.NumberOfElements);
        long stateBytes = StateCensus.Bytes(optimizer);
        var target = TorchSweep.CreateTarget(model, optimizer, Loss, batches);

        // The snapshot copies a gradient only when it holds something (a user accumulating across batches): weighed once with
        // the gradients zero_grad leaves, once with the last step's gradients in place. The timings below are the second kind.
        optimizer.zero_grad();
        var cleared = StateCensus.Reachable(target);
        target.Snapshot();
        long snapshotBytes = StateCensus.NewBytes(target, cleared);
        target.Restore();
        long generatorBytes;
        using (var generator = Generator.Default)
        using (var state = generator.get_state())
        {
            generatorBytes = state.NumberOfElements * state.ElementSize;
        }

        var steps = new List<double>();
        var snapshots = new List<double>();
        var restores = new List<double>();
        long snapshotBytesWithGradients = 0;
        for (int i = 0; i < repetitions; i++)
        {
            ProcessMemory.Settle();
            steps.Add(Step());
            var before = i == 0 ? StateCensus.Reachable(target) : null;
            var clock = Stopwatch.StartNew();
            target.Snapshot();
            snapshots.Add(clock.Elapsed.TotalMilliseconds);
            if (before is not null)
            {
                snapshotBytesWithGradients = StateCensus.NewBytes(target, before);
            }

            clock.Restart();
            target.Restore();
            restores.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new SnapshotResult(parameters, stateBytes, snapshotBytes, snapshotBytesWithGradients, generatorBytes, Stats.Median(steps), Stats.Median(snapshots), Stats.Median(restores), repetitions);
    }
}
