using System.Diagnostics;
using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// Many sweeps in one process: after each, no native tensor is left alive (this thread's dispose-scope statistics and the
/// process-wide count both back at the baseline, no collection forced), and the model is restored bit for bit. Half the
/// sweeps run up to a learning rate of 1e4 and stop early (the divergence and NaN paths). The CI run does 20; the explicit
/// one 200. Memory stays bounded: over the second half of the sweeps, resident memory grows by at most
/// <see cref="ResidentGrowthBound"/>. The first half is the memory's warm-up: the allocator's arenas and the managed heap
/// grow to their working size there (seen: +59 MiB over the first 40 of 200 sweeps, then +6 MiB over the next 160), which
/// a leak would not do: it keeps growing with every sweep (measured growth and its command: docs/reliability.md).
/// </summary>
[NonParallelizable]
public class SoakTests
{
    /// <summary>
    /// The most resident memory may grow after warm-up, over any number of sweeps: 5 % of the process's resident memory, or
    /// 16 MiB when that is more. Room for allocator and JIT noise (the test process holds other fixtures' memory too), far
    /// below what one leaked copy of the model per sweep would add over 20 sweeps.
    /// </summary>
    private const double ResidentGrowthBound = 0.05;

    private const long ResidentGrowthFloor = 16L << 20;

    [Test]
    public void Twenty_sweeps_leave_no_tensor_alive_after_each() => Soak(20);

    [Test]
    [Explicit("The long soak: 200 sweeps (about a minute on two shared cores). Its figures are in docs/reliability.md.")]
    public void Two_hundred_sweeps_leave_no_tensor_alive_after_each_and_memory_flat() => Soak(200);

    private static void Soak(int sweeps)
    {
        using var setup = new SmallClassifier(seed: 9);
        var gentle = new TorchSharpLrFinderOptions { StartLearningRate = 1e-5, EndLearningRate = 1e-2, NumberOfIterations = 100, Seed = 1 };
        var diverging = new TorchSharpLrFinderOptions { EndLearningRate = 1e4, DivergenceThreshold = 1.5, Seed = 2 };

        // Warm-up: allocator pools, JIT; then the baseline.
        Sweep(setup, gentle);
        Sweep(setup, diverging);
        var before = setup.Fingerprint();
        long residentBefore = 0;
        var stopReasons = new Dictionary<LrFinderStopReason, int>();
        var checkpoints = new List<string>();
        using var watch = SideEffects.Watch();
        for (int i = 0; i < sweeps; i++)
        {
            var result = Sweep(setup, i % 2 == 0 ? gentle : diverging);
            stopReasons[result.StopReason] = stopReasons.GetValueOrDefault(result.StopReason) + 1;
            var left = watch.LeftBehind();
            if (left.Count > 0)
            {
                Assert.Fail($"after sweep {i + 1}: {string.Join("; ", left)}");
            }

            if (i + 1 == sweeps / 2)
            {
                residentBefore = Resident();
            }

            if ((i + 1) % Math.Max(1, sweeps / 5) == 0)
            {
                long resident = Resident();
                checkpoints.Add(FormattableString.Invariant(
                    $"{i + 1}: {resident / 1048576.0:F1} (managed heap committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1}, live {GC.GetTotalMemory(forceFullCollection: false) / 1048576.0:F1})"));
            }
        }

        long residentAfter = Resident();
        TestContext.Out.WriteLine($"[soak] resident memory (MiB) after sweep n, with the managed heap's share: {string.Join(", ", checkpoints)}");
        long bound = Math.Max((long)(ResidentGrowthBound * residentBefore), ResidentGrowthFloor);
        Assert.Multiple(() =>
        {
            Assert.That(setup.Fingerprint(), Is.EqualTo(before), "the model after the last sweep");
            Assert.That(
                residentAfter - residentBefore,
                Is.LessThanOrEqualTo(bound),
                FormattableString.Invariant($"resident memory grew from {residentBefore / 1048576.0:F1} MiB to {residentAfter / 1048576.0:F1} MiB over the second half of the sweeps"));
        });
        TestContext.Out.WriteLine(FormattableString.Invariant(
            $"[soak] {sweeps} sweeps ({string.Join(", ", stopReasons.Select(kv => $"{kv.Value} {kv.Key}"))}): live tensors +0; resident memory {residentBefore / 1048576.0:F1} MiB after half the sweeps, {residentAfter / 1048576.0:F1} MiB after all ({100.0 * (residentAfter - residentBefore) / residentBefore:+0.0;-0.0} %)"));
    }

    private static LrFinderResult Sweep(SmallClassifier setup, TorchSharpLrFinderOptions options) =>
        TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.LossModule.call, setup.Batches, options);

    private static long Resident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
