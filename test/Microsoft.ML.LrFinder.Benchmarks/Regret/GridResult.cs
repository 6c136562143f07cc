using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>The outcomes of one grid search and the oracle: the grid point with the lowest final validation loss.</summary>
internal sealed class GridResult
{
    public GridResult(IReadOnlyList<TrainingOutcome> outcomes, int budgetSteps, TimeSpan elapsed)
    {
        Outcomes = outcomes;
        BudgetSteps = budgetSteps;
        Elapsed = elapsed;
        Oracle = outcomes.MinBy(o => o.ValidationLoss)!;
    }

    public IReadOnlyList<TrainingOutcome> Outcomes { get; }

    public TrainingOutcome Oracle { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>The optimizer steps of one training run of the budget.</summary>
    public int BudgetSteps { get; }

    /// <summary>
    /// The grid's compute in optimizer steps, the unit a sweep iteration is counted in: every learning rate at the full budget
    /// (a grid search cannot know beforehand which runs will diverge; ours stops those early, so its wall time is lower).
    /// </summary>
    public int Steps => Outcomes.Count * BudgetSteps;
}
