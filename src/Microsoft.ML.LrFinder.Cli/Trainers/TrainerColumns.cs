namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>The names of the converted columns the trainers read and write.</summary>
internal static class TrainerColumns
{
    /// <summary>The converted label (a key, a key vector or a float, by trainer).</summary>
    public const string Label = "__lrfind_label";

    /// <summary>The trainers' prediction column (their default name).</summary>
    public const string PredictedLabel = "PredictedLabel";
}
