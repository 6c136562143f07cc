namespace Microsoft.ML.LrFinder;

/// <summary>One recorded step of a sweep.</summary>
/// <param name="Iteration">The 0-based index of the optimizer step.</param>
/// <param name="LearningRate">The learning rate the step used.</param>
/// <param name="Loss">The raw training loss of the step's batch (may be NaN or infinite on the last point).</param>
/// <param name="SmoothedLoss">The debiased exponential moving average of the loss up to this step (fastai's lagged curve).</param>
/// <param name="LagFreeLoss">
/// The loss on the lag-free curve (a zero-phase smoothing of the raw losses, see docs/suggestions.md); NaN where the curve has
/// none. <see cref="LrCurve"/> computes it from the raw losses, whatever value the point came with.
/// </param>
public readonly record struct LrCurvePoint(int Iteration, double LearningRate, double Loss, double SmoothedLoss, double LagFreeLoss = double.NaN);
