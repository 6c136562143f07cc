namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>A task of the regret suite: a model, data with a held-out split and a fixed training budget.</summary>
internal interface IRegretTask
{
    string Name { get; }

    /// <summary>Model and data in a few words.</summary>
    string Description { get; }

    /// <summary>The fixed budget in a few words (optimizer, schedule, epochs, batch size).</summary>
    string Budget { get; }

    /// <summary>The validation loss the regret is a ratio of.</summary>
    string LossName { get; }

    /// <summary>Prepares the seed's split, initial weights and batch order.</summary>
    IRegretSession Open(int seed);
}
