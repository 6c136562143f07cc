namespace Microsoft.ML.LrFinder;

/// <summary>
/// The options of the ML.NET faces (<c>WithLrFinder</c>, <c>mlContext.LrFinder().Find</c> and <c>Tune</c>): the sweep's
/// settings (inherited from <see cref="LrFinderOptions"/>), how the sweep reads the trainer's data, what happens when it
/// cannot suggest a learning rate, and the tuning step's settings.
/// </summary>
/// <remarks>
/// The sweep trains exactly <see cref="LrFinderOptions.NumberOfIterations"/> batches of the trainer's own batch size (a fixed
/// batch count): when the data holds fewer batches it is read again from the start, as the next epoch would be; when it holds
/// more, the rest is not read. <see cref="MaximumRows"/> bounds the rows the sweep reads; it does not change the real fit.
/// </remarks>
public sealed class LrFinderTrainerOptions : LrFinderOptions
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
    /// The tuning step's settings (see docs/tuning.md): the candidates around the selected learning rate, the probe length and
    /// the hold-out share. <c>WithLrFinder</c> tunes only when this is set: it fits the trainer briefly at each candidate,
    /// scores each on the trainer's <c>ValidationSet</c> (or, without one, on a held-out share of the training rows), and fits
    /// for real at the one with the lowest held-out loss. <c>mlContext.LrFinder().Tune</c> always tunes, with these settings.
    /// </summary>
    /// <value>
    /// Default null: <c>WithLrFinder</c> does not tune; <c>Tune</c> uses <see cref="LrTuneDefaults"/>. Supported for all five
    /// trainers: TextClassification, SentenceSimilarity, NamedEntityRecognition, QuestionAnswer and ObjectDetection. Costs about
    /// <see cref="LrTuneOptions.Budget"/> real fits (successive halving), or <see cref="LrTuneOptions.CandidateCount"/> × <see cref="LrTuneOptions.ProbeFraction"/> of one
    /// when those are set (the single-round step).
    /// </value>
    public LrTuneOptions? Tune { get; set; }

    /// <summary>Checks every setting, the inherited sweep settings first, and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its valid range; the exception names it.</exception>
    /// <exception cref="ArgumentException">A sweep setting is invalid (see <see cref="LrFinderOptions.Validate"/>).</exception>
    public override void Validate()
    {
        base.Validate();
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
    internal new LrFinderTrainerOptions Clone() => (LrFinderTrainerOptions)CloneCore();

    /// <inheritdoc/>
    private protected override LrFinderOptions CloneCore()
    {
        var copy = (LrFinderTrainerOptions)base.CloneCore();
        copy.Tune = Tune?.Clone();
        return copy;
    }
}
