namespace Microsoft.ML.LrFinder;

/// <summary>How the learning rate moves from <see cref="LrFinderOptions.StartLearningRate"/> to <see cref="LrFinderOptions.EndLearningRate"/>.</summary>
public enum LrSchedule
{
    /// <summary>Evenly spaced in log space: <c>start·(end/start)^(i/(N−1))</c>. Smith's and fastai's choice.</summary>
    Exponential,

    /// <summary>Evenly spaced: <c>start + (end−start)·i/(N−1)</c>.</summary>
    Linear,
}
