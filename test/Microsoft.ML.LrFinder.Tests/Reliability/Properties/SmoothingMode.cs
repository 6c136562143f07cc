namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>Where a generated curve's smoothed loss comes from.</summary>
public enum SmoothingMode
{
    /// <summary>The debiased moving average a sweep computes, with the options' β.</summary>
    Sweep,

    /// <summary>The same as the loss, as in a file from fastai's recorder (which stores smoothed losses only).</summary>
    SameAsLoss,

    /// <summary>Unrelated to the loss: an arbitrary file.</summary>
    Independent,
}
