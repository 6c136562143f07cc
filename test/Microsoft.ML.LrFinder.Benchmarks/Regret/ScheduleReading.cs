using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>
/// A sweep read for the way a budget will use the rate: the same curve analysed again with
/// <see cref="LrFinderOptions.TrainingSchedule"/> set to the budget's schedule and <see cref="LrFinderOptions.TrainingEpochs"/>
/// to the task's epochs, as a user who told the finder would get it. One sweep per (task, seed) serves both budgets; only the
/// reading differs.
/// </summary>
internal static class ScheduleReading
{
    /// <summary>The suggestions and selection of <paramref name="sweep"/>'s curve for <paramref name="budget"/>'s schedule (no new sweep).</summary>
    public static LrFinderResult For(LrFinderResult sweep, TrainingBudget budget, int epochs)
    {
        var options = sweep.Options.Clone();
        options.TrainingSchedule = budget.Schedule;
        options.TrainingEpochs = epochs;
        return LrResultBuilder.Build(sweep.Curve, sweep.StopReason, options, sweep.Elapsed);
    }
}
