using Microsoft.ML.LrFinder.Benchmarks.Cost;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>
/// Leave-one-task-out choice of a tuning configuration: for each task, the configuration is chosen on the other tasks' records
/// alone and scored on the held-out task's, so the figure says how the choice does on a task it has not seen.
/// </summary>
internal static class LeaveOneTaskOut
{
    /// <summary>
    /// The configuration <paramref name="records"/> choose: among those whose median step and time ratios are within
    /// <paramref name="computeLimit"/>, the lowest mean regret, then the lowest geometric mean, then the fewest probe steps.
    /// Null when no configuration is within the limit.
    /// </summary>
    public static TuneConfiguration? Choose(IReadOnlyCollection<TuneRecord> records, double computeLimit) => records
        .Where(r => r.Configuration is not null)
        .GroupBy(r => r.Configuration!)
        .Where(g => Stats.Median(g.Select(r => r.StepRatio)) <= computeLimit && Stats.Median(g.Select(r => r.TimeRatio)) <= computeLimit)
        .OrderBy(g => g.Average(r => r.Regret))
        .ThenBy(g => Stats.GeometricMean(g.Select(r => r.Regret)))
        .ThenBy(g => g.Key.CandidateCount * g.Key.ProbeFraction)
        .Select(g => g.Key)
        .FirstOrDefault();

    /// <summary>
    /// For every task in <paramref name="records"/>: the configuration chosen on the other tasks and its records on the held-out
    /// task. The pooled held-out records are the leave-one-task-out figure.
    /// </summary>
    public static List<(string Task, TuneConfiguration? Chosen, TuneRecord[] HeldOut)> Run(IReadOnlyCollection<TuneRecord> records, double computeLimit)
    {
        var folds = new List<(string, TuneConfiguration?, TuneRecord[])>();
        foreach (string task in records.Select(r => r.Task).Distinct())
        {
            var chosen = Choose(records.Where(r => r.Task != task).ToArray(), computeLimit);
            folds.Add((task, chosen, records.Where(r => r.Task == task && r.Configuration == chosen).ToArray()));
        }

        return folds;
    }
}
