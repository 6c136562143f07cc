namespace Microsoft.ML.LrFinder;

/// <summary>
/// What the sweep engine (<see cref="LrSweepEngine"/>) reads of a finder's settings: the range and schedule, the stop rule's
/// smoothing and threshold, and the lag-free curve's bandwidth; nothing of the suggestion rules. The finder's options
/// (<c>LrFinderOptions</c>, in Analysis/) validate their values and build it (docs/architecture.md).
/// </summary>
/// <param name="StartLearningRate">The learning rate of the first iteration.</param>
/// <param name="EndLearningRate">The learning rate of the last iteration.</param>
/// <param name="NumberOfIterations">The number of optimizer steps in the sweep.</param>
/// <param name="Schedule">How the learning rate moves from start to end.</param>
/// <param name="SmoothingBeta">The decay β of the loss's debiased exponential moving average.</param>
/// <param name="DivergenceThreshold">The multiple of the best smoothed loss at which the sweep stops.</param>
/// <param name="StopOnDivergence">Whether the sweep stops when the loss diverges.</param>
/// <param name="LagFreeBandwidthDecades">The bandwidth of the curve's lag-free losses, in decades of learning rate.</param>
internal readonly record struct LrSweepSettings(
    double StartLearningRate,
    double EndLearningRate,
    int NumberOfIterations,
    LrSchedule Schedule,
    double SmoothingBeta,
    double DivergenceThreshold,
    bool StopOnDivergence,
    double LagFreeBandwidthDecades);
