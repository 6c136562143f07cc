using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>
/// The outcomes of one grid search under one budget and the oracle: the grid point with the lowest final <em>validation</em>
/// loss. The oracle is then scored on the test split like every method, so it is a rate a practitioner could have picked, not
/// the test split's luckiest point.
/// </summary>
internal sealed class GridResult
{
    public GridResult(TrainingBudget budget, IReadOnlyList<TrainingOutcome> outcomes, int budgetSteps, TimeSpan elapsed)
    {
        Budget = budget;
        Outcomes = outcomes;
        BudgetSteps = budgetSteps;
        Elapsed = elapsed;
        Oracle = outcomes.MinBy(o => o.ValidationLoss)!;
    }

    public TrainingBudget Budget { get; }

    public IReadOnlyList<TrainingOutcome> Outcomes { get; }

    /// <summary>The grid point with the lowest validation loss.</summary>
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
