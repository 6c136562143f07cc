using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>One seed of a task: everything random is fixed, so training twice at one learning rate gives one result.</summary>
internal interface IRegretSession : IDisposable
{
    /// <summary>The optimizer steps of one training run of the budget.</summary>
    int BudgetSteps { get; }

    /// <summary>Trains the seed's initial model for the whole budget at learning rate <paramref name="learningRate"/> under <paramref name="budget"/>.</summary>
    TrainingOutcome Train(double learningRate, TrainingBudget budget);

    /// <summary>Whether <see cref="Probe"/> is supported (the TorchSharp tasks; not the ML.NET trainer task).</summary>
    bool SupportsProbes { get; }

    /// <summary>
    /// A tuning probe: trains the seed's initial model for <paramref name="steps"/> optimizer steps at learning rate
    /// <paramref name="learningRate"/>, <paramref name="schedule"/> compressed into those steps. Nothing needs restoring: every
    /// probe and every training run starts from the seed's initial weights.
    /// </summary>
    TrainingOutcome Probe(double learningRate, TrainingBudget schedule, int steps);

    /// <summary>Runs the LR finder on the seed's initial model with the budget's optimizer and batches.</summary>
    LrFinderResult Sweep(LrFinderOptions options);
}
