namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>One method's suggestion on one (task, budget, seed) and what training at it gave.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Budget">The budget's name (one-cycle or constant).</param>
/// <param name="Seed">The seed.</param>
/// <param name="Method">The suggestion method's name.</param>
/// <param name="SuggestedLearningRate">The suggestion; null when the method made none.</param>
/// <param name="TestLoss">The final test loss of the budget at the suggestion (+∞ when it diverged; NaN without a suggestion).</param>
/// <param name="OracleLearningRate">The grid point with the lowest validation loss.</param>
/// <param name="OracleTestLoss">The final test loss at <paramref name="OracleLearningRate"/>.</param>
internal sealed record RegretRecord(
    string Task,
    string Budget,
    int Seed,
    string Method,
    double? SuggestedLearningRate,
    double TestLoss,
    double OracleLearningRate,
    double OracleTestLoss)
{
    public bool Failed => SuggestedLearningRate is null;

    /// <summary>
    /// Test loss at the suggestion ÷ test loss at the validation-chosen oracle; ∞ when training at the suggestion diverged; NaN
    /// when no suggestion. It can fall below 1: the oracle is chosen on another split.
    /// </summary>
    public double Regret => Failed ? double.NaN : TestLoss / OracleTestLoss;

    /// <summary>Suggestion ÷ oracle learning rate: below 1 the method is too cautious, above 1 too bold.</summary>
    public double LearningRateRatio => SuggestedLearningRate is { } lr ? lr / OracleLearningRate : double.NaN;
}
