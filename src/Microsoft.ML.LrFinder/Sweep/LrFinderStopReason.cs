namespace Microsoft.ML.LrFinder;

/// <summary>Why a sweep ended.</summary>
public enum LrFinderStopReason
{
    /// <summary>Every requested iteration ran: the sweep reached <see cref="LrFinderOptions.EndLearningRate"/>.</summary>
    Completed,

    /// <summary>The smoothed loss exceeded <see cref="LrFinderOptions.DivergenceThreshold"/> times the best smoothed loss.</summary>
    Diverged,

    /// <summary>A training step returned NaN or an infinite loss; that point is recorded but kept out of the suggestion window.</summary>
    NonFiniteLoss,

    /// <summary>The caller's cancellation token was signalled.</summary>
    Cancelled,

    /// <summary>The curve was analysed as recorded elsewhere (for example loaded from a CSV file); no sweep ran.</summary>
    AsRecorded,

    /// <summary>
    /// The training loop that fed the sweep ended before the range completed (for example a trainer ran out of epochs);
    /// <see cref="LrSweep.ToRecord"/> reports this when it is called on a sweep that has not stopped.
    /// </summary>
    EndOfData,
}
