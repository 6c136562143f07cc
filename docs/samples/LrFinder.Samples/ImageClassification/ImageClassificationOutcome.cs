namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>What <see cref="ImageClassificationSample.Run"/> found and reached.</summary>
/// <param name="ClassNames">The classes, from the folder names.</param>
/// <param name="Sweep">The learning-rate finder's result.</param>
/// <param name="LearningRate">The rate the fit used: the selected one, or <see cref="ImageClassificationSample.FallbackLearningRate"/> when nothing was selected.</param>
/// <param name="HeldOutAccuracyBefore">The share of held-out images classified right before the fit (the random head).</param>
/// <param name="HeldOutAccuracy">The share of held-out images classified right after the fit.</param>
public sealed record ImageClassificationOutcome(
    IReadOnlyList<string> ClassNames, LrFinderResult Sweep, double LearningRate, double HeldOutAccuracyBefore, double HeldOutAccuracy);
