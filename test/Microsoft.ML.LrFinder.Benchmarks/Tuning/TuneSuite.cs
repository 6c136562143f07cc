using System.Diagnostics;
using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.LrFinder.Benchmarks.Replay;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>
/// The tuning comparison at equal compute: on each recorded (task, seed), a live sweep (the library's defaults, seeded) read for
/// each training budget's schedule, every <see cref="TuneArm"/> probing live from the seed's initial weights (scored on the
/// validation split; at a constant rate or following the budget's schedule, <see cref="TuneArm.FollowsSchedule"/>), and the chosen rate scored on the
/// recorded grid of that budget (test loss read between grid points ÷ the test loss at the rate validation chose).
/// </summary>
/// <remarks>
/// Reading the full-budget outcome from the recorded grid instead of training every chosen rate is what makes the comparison
/// affordable: only the probes train. The recorder and the live session build the same split, initial weights and batches
/// from the seed; <see cref="Run"/> checks that on the first seed of each task by training the recorded oracle again.
/// </remarks>
internal static class TuneSuite
{
    /// <summary>The grid the compute is counted against: 25 rates at the full budget, as in the regret benchmark.</summary>
    public const int ReferenceGridPoints = 25;

    public static List<TuneOutcome> Run(IReadOnlyList<RecordedRun> runs, IReadOnlyList<TuneArm> arms, TextWriter log, Action<TuneOutcome> saved)
    {
        var outcomes = new List<TuneOutcome>();
        var tasks = TaskCatalog.All().ToDictionary(t => t.Name);
        foreach (var run in runs)
        {
            if (!tasks.TryGetValue(run.Task, out var task))
            {
                log.WriteLine($"  {run.Task}: not a TorchSharp task of the catalog; skipped");
                continue;
            }

            var clock = Stopwatch.StartNew();
            using var session = task.Open(run.Seed);
            var sweep = session.Sweep(new LrFinderOptions { Seed = run.Seed });
            bool check = run.Seed == runs.Where(r => r.Task == run.Task).Min(r => r.Seed);
            var constantProbe = new SessionProbeTarget(session, TrainingBudget.Constant);
            var cycleProbe = new SessionProbeTarget(session, TrainingBudget.OneCycle);
            foreach (var grid in run.Budgets)
            {
                var budget = TrainingBudget.Both.Single(b => b.Name == grid.Name);
                var read = ScheduleReading.For(sweep, budget, task.Epochs);
                if (read.SelectedLearningRate is not { } selected)
                {
                    log.WriteLine($"  {run.Task} s{run.Seed} {grid.Name}: no selection; skipped");
                    continue;
                }

                int budgetSteps = session.BudgetSteps;
                if (check)
                {
                    var live = session.Train(grid.OracleLearningRate, budget);
                    double recorded = grid.Points.First(p => p.LearningRate == grid.OracleLearningRate).ValidationLoss;
                    log.WriteLine(Format.Invariant(
                        $"  {run.Task} s{run.Seed} {grid.Name}: recorded grid {grid.Steps} steps, live {budgetSteps}; oracle {Format.Lr(grid.OracleLearningRate)} validation loss recorded {Format.Loss(recorded)}, live {Format.Loss(live.ValidationLoss)}"));
                }

                foreach (var arm in arms)
                {
                    // A probe that follows the schedule differs from a constant-rate one on the one-cycle budget only.
                    var probe = arm.FollowsSchedule && budget == TrainingBudget.OneCycle ? cycleProbe : constantProbe;
                    var (chosen, probeSteps, probes) = Choose(arm, probe, read, budgetSteps, Hash(run.Task, run.Seed, grid.Name, arm.Budget));
                    var outcome = new TuneOutcome(
                        run.Task, run.Source, grid.Name, run.Seed, arm, selected, chosen, grid.Regret(chosen),
                        sweep.IterationsRun + probeSteps, ReferenceGridPoints * budgetSteps, probes);
                    outcomes.Add(outcome);
                    saved(outcome);
                }

                var line = outcomes.Where(o => o.Task == run.Task && o.Seed == run.Seed && o.Schedule == grid.Name)
                    .Where(o => o.Arm.Kind != TuneArmKind.Halving || o.Arm.LayoutName == "library")
                    .Select(o => Format.Invariant($"{Short(o.Arm)} {Format.Ratio(o.Regret)}"));
                log.WriteLine(Format.Invariant($"  {run.Task} s{run.Seed} {grid.Name}: selected {Format.Lr(selected)}, oracle {Format.Lr(grid.OracleLearningRate)}; {string.Join(", ", line)}"));
            }

            log.WriteLine(Format.Invariant($"  {run.Task} s{run.Seed}: {Format.Seconds(clock.Elapsed)}"));
        }

        return outcomes;
    }

    /// <summary>What <paramref name="arm"/> chooses on one unit: the rate, the probe steps it spent and the probes it ran.</summary>
    public static (double Chosen, int ProbeSteps, int Probes) Choose(TuneArm arm, ILrProbeTarget probe, LrFinderResult read, int budgetSteps, int seed)
    {
        double selected = read.SelectedLearningRate!.Value;
        switch (arm.Kind)
        {
            case TuneArmKind.Untuned:
                return (selected, 0, 0);
            case TuneArmKind.TwoCandidates:
            case TuneArmKind.Halving:
                var options = arm.Kind == TuneArmKind.TwoCandidates
                    ? new LrTuneOptions { CandidateCount = LrTuneDefaults.CandidateCount, ProbeFraction = LrTuneDefaults.ProbeFraction }
                    : new LrTuneOptions { Budget = arm.Budget, Halving = arm.Layout };
                var tuned = LrTuneRunner.Run(probe, read, budgetSteps, options);
                return (tuned.LearningRate ?? selected, tuned.TotalProbeSteps, tuned.Candidates.Count);
            default:
                var plan = LrHalvingPlan.For(read, budgetSteps, arm.Budget, arm.Layout);
                int total = Math.Max(1, (int)Math.Floor((budgetSteps * arm.Budget) + 1e-9));
                var rates = arm.Kind == TuneArmKind.CoarseGrid ? plan.Rates : RandomRates(read, plan.Rates.Count, seed);
                int steps = Math.Max(1, Math.Min(budgetSteps, total / rates.Count));
                var probed = rates.Select(rate => probe.Probe(rate, steps, CancellationToken.None)).ToArray();
                var best = probed.Where(c => double.IsFinite(c.ValidationLoss)).OrderBy(c => c.ValidationLoss).ThenBy(c => c.LearningRate).ToArray();
                return (best.Length > 0 ? best[0].LearningRate : selected, probed.Sum(c => c.StepsRun), probed.Length);
        }
    }

    /// <summary><paramref name="count"/> rates drawn log-uniformly from the sweep's first rate to the highest it trained at without diverging.</summary>
    public static IReadOnlyList<double> RandomRates(LrFinderResult read, int count, int seed)
    {
        double first = read.Curve.Points.Select(p => p.LearningRate).Where(r => double.IsFinite(r) && r > 0).Min();
        double high = Math.Max(first, LrTuneCandidates.HighestStableLearningRate(read));
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Math.Exp(Math.Log(first) + (random.NextDouble() * Math.Log(high / first)))).Order().ToArray();
    }

    private static string Short(TuneArm arm) => arm.Kind switch
    {
        TuneArmKind.Untuned => "untuned",
        TuneArmKind.TwoCandidates => "v1",
        TuneArmKind.Halving => Format.Invariant($"SH×{arm.Budget}"),
        TuneArmKind.Random => Format.Invariant($"rand×{arm.Budget}"),
        _ => Format.Invariant($"grid×{arm.Budget}"),
    };

    // A stable seed per unit and budget (string.GetHashCode is randomised per process).
    private static int Hash(string task, int seed, string schedule, double budget)
    {
        unchecked
        {
            int hash = 17;
            foreach (char c in $"{task}|{seed}|{schedule}|{budget:R}")
            {
                hash = (hash * 31) + c;
            }

            return hash;
        }
    }
}
