namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>One training run of the fixed budget at one learning rate.</summary>
/// <param name="LearningRate">The budget's learning rate x (the one-cycle peak, or the constant rate).</param>
/// <param name="ValidationLoss">The final loss on the validation split (the oracle is chosen on it); +∞ when training produced a non-finite loss.</param>
/// <param name="TestLoss">The final loss on the test split (every regret is scored on it); +∞ when training produced a non-finite loss.</param>
/// <param name="Steps">The optimizer steps run (fewer than the budget when training diverged and was cut short).</param>
/// <param name="Elapsed">Wall time, including the final evaluation passes.</param>
internal sealed record TrainingOutcome(double LearningRate, double ValidationLoss, double TestLoss, int Steps, TimeSpan Elapsed)
{
    public bool Diverged => double.IsPositiveInfinity(ValidationLoss);
}
