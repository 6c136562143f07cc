using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>
/// The tuning step in the regret benchmark: on one (task, budget, seed), the library's <see cref="LrTuneRunner"/> probes the
/// candidates around lagfree's selection for every <see cref="TuneConfiguration"/> and probe schedule, and the chosen rate is
/// trained for the whole budget and scored on the test split like every method's suggestion.
/// </summary>
internal static class TuneBenchmark
{
    /// <summary>The probe's name in <see cref="TuneRecord.ProbeSchedule"/> for the untuned selection.</summary>
    public const string Untuned = "none";

    /// <summary>
    /// How the probes shape the rate under <paramref name="budget"/>: a constant budget is probed at a constant rate; a one-cycle
    /// budget both ways, at a constant rate (what a probe that ignores the schedule does) and with the cycle compressed into the
    /// probe (what the ML.NET trainer probe does).
    /// </summary>
    public static IReadOnlyList<TrainingBudget> ProbeSchedules(TrainingBudget budget) =>
        budget.Schedule == LrTrainingSchedule.OneCycle ? [TrainingBudget.Constant, TrainingBudget.OneCycle] : [TrainingBudget.Constant];

    /// <summary>
    /// Tunes <paramref name="selection"/> (the sweep read for the budget's schedule: <see cref="ScheduleReading"/>) under
    /// <paramref name="grid"/>'s budget with every configuration and probe schedule; <paramref name="trainAt"/>
    /// trains a rate for the whole budget (from the seed's cache of trained rates), <paramref name="probes"/> gives the seed's
    /// probe target for a schedule. No record when lagfree selected nothing.
    /// </summary>
    public static List<TuneRecord> Run(
        string task,
        int seed,
        LrFinderResult selection,
        TimeSpan sweepElapsed,
        GridResult grid,
        Func<double, TrainingOutcome> trainAt,
        Func<TrainingBudget, SessionProbeTarget> probes)
    {
        var records = new List<TuneRecord>();
        if (selection.SelectedLearningRate is not { } selected)
        {
            return records;
        }

        TuneRecord Record(string probeSchedule, TuneConfiguration? configuration, double chosen, int probeSteps, TimeSpan probeElapsed) => new(
            task, grid.Budget.Name, seed, probeSchedule, configuration, selected, chosen, trainAt(chosen).TestLoss, grid.Oracle.TestLoss,
            selection.IterationsRun + probeSteps, grid.Steps, sweepElapsed + probeElapsed, grid.Elapsed);

        records.Add(Record(Untuned, null, selected, 0, TimeSpan.Zero));
        foreach (var schedule in ProbeSchedules(grid.Budget))
        {
            var probe = probes(schedule);
            foreach (var configuration in TuneConfiguration.All)
            {
                var tuned = LrTuneRunner.Run(probe, selection, grid.BudgetSteps, configuration.Options);
                var elapsed = tuned.Candidates.Aggregate(TimeSpan.Zero, (sum, c) => sum + probe.Elapsed(c.LearningRate, tuned.ProbeSteps));
                records.Add(Record(schedule.Name, configuration, tuned.ChosenLearningRate ?? selected, tuned.TotalProbeSteps, elapsed));
            }
        }

        return records;
    }
}
