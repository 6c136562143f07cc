namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>A task of the regret suite: a model, data with validation and test splits and a fixed training budget per schedule.</summary>
internal interface IRegretTask
{
    string Name { get; }

    /// <summary>The data source: every task on one data set is held out together in leave-one-source-out validation.</summary>
    string Source { get; }

    /// <summary>Model and data in a few words.</summary>
    string Description { get; }

    /// <summary>The real fit's passes over the training rows: what a user knows when the sweep runs, as rules may read it.</summary>
    int Epochs { get; }

    /// <summary>The fixed budget in a few words (optimizer, schedule, epochs, batch size).</summary>
    string Budget { get; }

    /// <summary>The schedules the budget is trained under (TorchSharp tasks: one-cycle and constant; a trainer: its own).</summary>
    IReadOnlyList<Tasks.TrainingBudget> Budgets { get; }

    /// <summary>The held-out loss: the oracle is chosen on its validation value, the regret is a ratio of its test values.</summary>
    string LossName { get; }

    /// <summary>Prepares the seed's split, initial weights and batch order.</summary>
    IRegretSession Open(int seed);
}
