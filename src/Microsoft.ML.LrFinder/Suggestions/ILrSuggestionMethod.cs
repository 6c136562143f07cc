namespace Microsoft.ML.LrFinder;

/// <summary>A rule that reads a learning rate off a recorded curve. Implementations are pure and never throw on any curve.</summary>
public interface ILrSuggestionMethod
{
    /// <summary>The short name used in reports, plots and the CLI, for example <c>valley</c>.</summary>
    string Name { get; }

    /// <summary>The rule in one sentence, for reports.</summary>
    string Rule { get; }

    /// <summary>Reads a suggestion off the curve's suggestion window.</summary>
    /// <param name="curve">The recorded curve.</param>
    /// <returns>The suggestion, or a "no suggestion" result with its reason; never an exception for any curve.</returns>
    LrSuggestion Suggest(LrCurve curve);

    /// <summary>
    /// Reads a suggestion off the curve for a rate that will be used as <paramref name="schedule"/> says. Rules that do not
    /// depend on it (fastai's) ignore it; the default rule reads the curve with the constants fitted for it.
    /// </summary>
    /// <param name="curve">The recorded curve.</param>
    /// <param name="schedule">How the selected rate will be used in training.</param>
    /// <returns>The suggestion, or a "no suggestion" result with its reason; never an exception for any curve.</returns>
    LrSuggestion Suggest(LrCurve curve, LrTrainingSchedule schedule) => Suggest(curve);

    /// <summary>
    /// Reads a suggestion off the curve for a fit that uses the rate as <paramref name="schedule"/> says for
    /// <paramref name="trainingEpochs"/> passes over its training rows. Rules that do not depend on the fit's length ignore it;
    /// the default rule lowers its rate for long fits, where the training-loss curve cannot see overfitting.
    /// </summary>
    /// <param name="curve">The recorded curve.</param>
    /// <param name="schedule">How the selected rate will be used in training.</param>
    /// <param name="trainingEpochs">The real fit's epochs, or null when they are not known.</param>
    /// <returns>The suggestion, or a "no suggestion" result with its reason; never an exception for any curve.</returns>
    LrSuggestion Suggest(LrCurve curve, LrTrainingSchedule schedule, int? trainingEpochs) => Suggest(curve, schedule);
}
