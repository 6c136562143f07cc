using Microsoft.ML.LrFinder.Benchmarks.Reporting;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>
/// Iterations run ÷ requested on a curve that diverges at 60% of the range. The curve comes from a scripted sweep target
/// (no model: its loss is a function of the iteration), so the onset is exact; the same figure is then read on a real sweep
/// of the digits MLP over the default range, where the onset is wherever the model blows up.
/// </summary>
internal static class EarlyStopBenchmark
{
    public const double DivergenceFraction = 0.6;

    public static IReadOnlyList<EarlyStopResult> Run()
    {
        var options = new LrFinderOptions();
        int requested = options.NumberOfIterations;
        int onset = (int)Math.Round(DivergenceFraction * (requested - 1));
        var results = new List<EarlyStopResult>();
        foreach (double growth in new[] { 2.0, 1.3 })
        {
            var scripted = LrSweepRunner.Run(new ScriptedTarget(onset, growth), options);
            results.Add(new(
                Format.Invariant($"scripted: loss falls, then grows ×{growth} per step from 60% of the range"),
                requested, scripted.IterationsRun, onset, scripted.StopReason, scripted.Curve.Points[^1].LearningRate));
        }

        const int Seed = 1;
        var task = TaskCatalog.DigitsMlp();
        using var prepared = task.Prepare(Seed);
        using var batches = task.CreateBatches(prepared, Seed, requested);
        using var model = task.CreateModel(Seed);
        using var optimizer = task.CreateOptimizer(model, options.StartLearningRate);
        var real = TorchSweep.Run(model, optimizer, task.Loss, batches, options);
        results.Add(new("digits MLP, Adam, default range 1e-7 → 10", requested, real.IterationsRun, -1, real.StopReason, real.Curve.Points[^1].LearningRate));
        return results;
    }

    /// <summary>A noisy loss that falls slowly until <c>onset</c> and then grows geometrically, as a blow-up does.</summary>
    private sealed class ScriptedTarget(int onset, double growth) : ILrSweepTarget
    {
        private readonly Random noise = new(1);
        private int iteration;

        public void Snapshot() => iteration = 0;

        public double Step(double learningRate)
        {
            int i = iteration++;
            double trend = i < onset ? 2.0 - (1.5 * i / onset) : 0.5 * Math.Pow(growth, i - onset);
            return trend * (1 + (0.05 * ((noise.NextDouble() * 2) - 1)));
        }

        public void Restore()
        {
        }
    }
}
