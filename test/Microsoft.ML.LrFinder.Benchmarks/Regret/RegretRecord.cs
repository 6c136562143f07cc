namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>One method's suggestion on one (task, seed) and what training at it gave.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Method">The suggestion method's name.</param>
/// <param name="SuggestedLearningRate">The suggestion; null when the method made none.</param>
/// <param name="ValidationLoss">The final validation loss of the budget at the suggestion (+∞ when it diverged; NaN without a suggestion).</param>
/// <param name="OracleLearningRate">The grid's best learning rate.</param>
/// <param name="OracleLoss">The grid's best final validation loss.</param>
internal sealed record RegretRecord(
    string Task,
    int Seed,
    string Method,
    double? SuggestedLearningRate,
    double ValidationLoss,
    double OracleLearningRate,
    double OracleLoss)
{
    public bool Failed => SuggestedLearningRate is null;

    /// <summary>Validation loss at the suggestion ÷ oracle loss; ∞ when training at the suggestion diverged; NaN when no suggestion.</summary>
    public double Regret => Failed ? double.NaN : ValidationLoss / OracleLoss;

    /// <summary>Suggestion ÷ oracle learning rate: below 1 the method is too cautious, above 1 too bold.</summary>
    public double LearningRateRatio => SuggestedLearningRate is { } lr ? lr / OracleLearningRate : double.NaN;
}
