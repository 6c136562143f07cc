namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>One training run of the fixed budget at one peak learning rate.</summary>
/// <param name="LearningRate">The peak learning rate of the one-cycle schedule.</param>
/// <param name="ValidationLoss">The final validation loss; +∞ when training produced a non-finite loss.</param>
/// <param name="Steps">The optimizer steps run (fewer than the budget when training diverged and was cut short).</param>
/// <param name="Elapsed">Wall time, including the final validation pass.</param>
internal sealed record TrainingOutcome(double LearningRate, double ValidationLoss, int Steps, TimeSpan Elapsed)
{
    public bool Diverged => double.IsPositiveInfinity(ValidationLoss);
}
