namespace Microsoft.ML.LrFinder;

/// <summary>Reported through <see cref="IProgress{T}"/> after each sweep iteration.</summary>
/// <param name="Iteration">The 0-based iteration just completed.</param>
/// <param name="TotalIterations">The number of iterations requested.</param>
/// <param name="LearningRate">The learning rate the iteration used.</param>
/// <param name="Loss">The iteration's raw loss.</param>
/// <param name="SmoothedLoss">The debiased moving average of the loss.</param>
/// <param name="Elapsed">Time since the sweep started.</param>
public readonly record struct LrFinderProgress(int Iteration, int TotalIterations, double LearningRate, double Loss, double SmoothedLoss, TimeSpan Elapsed);
