namespace Microsoft.ML.LrFinder;

/// <summary>Which of a sweep's two analysis curves a suggestion rule reads.</summary>
public enum LrLossCurve
{
    /// <summary>The debiased exponential moving average (<see cref="LrCurvePoint.SmoothedLoss"/>), lagged; fastai's rules read it.</summary>
    Smoothed,

    /// <summary>The zero-phase smoothing of the raw losses (<see cref="LrCurvePoint.LagFreeLoss"/>), without lag; our rules read it.</summary>
    LagFree,
}
