namespace Microsoft.ML.LrFinder;

/// <summary>What fitting through the LR finder does when the selector method makes no suggestion.</summary>
public enum LrFinderNoSuggestionAction
{
    /// <summary>
    /// Fit with the learning rate already in the trainer's options and add a warning to the result and to <c>MLContext.Log</c>.
    /// </summary>
    KeepTrainerLearningRate,

    /// <summary>Throw an <see cref="InvalidOperationException"/> before the real fit; the result is still in <c>LastResult</c>.</summary>
    Throw,
}
