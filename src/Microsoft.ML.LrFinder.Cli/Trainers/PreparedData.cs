namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>A dataset made ready for a trainer: the fitted column conversions (label to key, …) and the converted views.</summary>
/// <param name="Preprocessing">The conversions, fitted on the training data; the saved model starts with them.</param>
/// <param name="Train">The converted training data.</param>
/// <param name="Validation">The converted validation data, when <c>--validation-dataset</c> was given.</param>
/// <param name="Columns">The dataset columns the trainer reads, by role (for the summary line).</param>
internal sealed record PreparedData(ITransformer Preprocessing, IDataView Train, IDataView? Validation, IReadOnlyList<(string Role, string Column)> Columns);
