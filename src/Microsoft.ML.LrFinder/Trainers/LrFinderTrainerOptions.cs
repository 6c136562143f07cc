namespace Microsoft.ML.LrFinder;

/// <summary>
/// How a sweep on an ML.NET TorchSharp trainer reads its data and what happens when it cannot suggest a learning rate.
/// The sweep itself (range, number of iterations, smoothing, selector) is set by <see cref="LrFinderOptions"/>.
/// </summary>
/// <remarks>
/// The sweep trains exactly <see cref="LrFinderOptions.NumberOfIterations"/> batches of the trainer's own batch size (a fixed
/// batch count): when the data holds fewer batches it is read again from the start, as the next epoch would be; when it holds
/// more, the rest is not read. <see cref="MaximumRows"/> bounds the rows the sweep reads; it does not change the real fit.
/// </remarks>
public sealed class LrFinderTrainerOptions
{
    /// <summary>The row budget: the sweep trains on at most this many rows of the training data.</summary>
    /// <value>
    /// Default null: every row may be read. When set, must be at least 1 and, once applied, leave at least one batch of the
    /// trainer's batch size. <c>k × BatchSize</c> makes the sweep cycle over a fixed set of k batches.
    /// </value>
    public int? MaximumRows { get; set; }

    /// <summary>Which rows the budget keeps.</summary>
    /// <value>
    /// Default null: the first <see cref="MaximumRows"/> rows, in order. When set, a sample drawn by ML.NET's
    /// <c>ShuffleRows</c> with this seed, so that two sweeps read the same rows. Ignored when <see cref="MaximumRows"/> is null.
    /// </value>
    public int? SamplingSeed { get; set; }

    /// <summary>What the fit does when the selector method makes no suggestion (for example, the loss never decreased).</summary>
    /// <value>Default <see cref="LrFinderNoSuggestionAction.KeepTrainerLearningRate"/>.</value>
    public LrFinderNoSuggestionAction WhenNoSuggestion { get; set; } = LrFinderNoSuggestionAction.KeepTrainerLearningRate;

    /// <summary>
    /// <c>WithLrFinder</c> only: when set, the fit tunes after the sweep (see docs/tuning.md): it fits the trainer briefly at a
    /// few candidate learning rates around the selected one, scores each on the trainer's <c>ValidationSet</c> (or, without
    /// one, on a held-out share of the training rows), and fits for real at the one with the lowest held-out loss.
    /// </summary>
    /// <value>
    /// Default null: no tuning; the real fit uses the selected learning rate. Supported for TextClassification and
    /// SentenceSimilarity. Costs about <see cref="LrTuneOptions.CandidateCount"/> × <see cref="LrTuneOptions.ProbeFraction"/> of the real fit.
    /// </value>
    public LrTuneOptions? Tune { get; set; }

    /// <summary>Where the sweep reports its progress: one report per sweep batch (iteration, learning rate, loss, smoothed loss, elapsed).</summary>
    /// <value>
    /// Default null: none. Reports arrive synchronously on the training thread, so keep <see cref="IProgress{T}.Report"/> cheap;
    /// an exception it throws ends the sweep. A copy of these options shares the same reporter. The real fit of
    /// <c>WithLrFinder()</c> reports through <c>MLContext.Log</c> only, as the trainer does.
    /// </value>
    public IProgress<LrFinderProgress>? Progress { get; set; }

    /// <summary>Checks every setting and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its valid range; the exception names it.</exception>
    public void Validate()
    {
        if (MaximumRows is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumRows), MaximumRows, "must be at least 1.");
        }

        if (!Enum.IsDefined(WhenNoSuggestion))
        {
            throw new ArgumentOutOfRangeException(nameof(WhenNoSuggestion), WhenNoSuggestion, "must be KeepTrainerLearningRate or Throw.");
        }

        Tune?.Validate();
    }

    /// <summary>A copy of these options, so that callers' objects are never modified.</summary>
    /// <returns>A new options object with the same settings.</returns>
    public LrFinderTrainerOptions Clone()
    {
        var copy = (LrFinderTrainerOptions)MemberwiseClone();
        copy.Tune = Tune?.Clone();
        return copy;
    }
}
