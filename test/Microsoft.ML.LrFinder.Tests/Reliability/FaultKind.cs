namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>What goes wrong during a sweep in the fault matrices.</summary>
public enum FaultKind
{
    /// <summary>The training step throws (the loss computation raises).</summary>
    StepThrows,

    /// <summary>The step's loss is NaN.</summary>
    NaNLoss,

    /// <summary>The step's loss is +∞.</summary>
    InfiniteLoss,

    /// <summary>Cancellation is requested while the step runs.</summary>
    Cancelled,

    /// <summary>From the step on, the loss grows a millionfold per step.</summary>
    DivergesAtOnce,

    /// <summary>The caller's progress handler throws on the step's report.</summary>
    ProgressThrows,

    /// <summary>The batch source throws when asked for the step's batch.</summary>
    BatchSourceThrows,
}
