namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>What a trainer command's command line asked for.</summary>
internal sealed record TrainerRun(
    string Dataset,
    string? ValidationDataset,
    bool HasHeader,
    string LabelColumn,
    IReadOnlyDictionary<string, string> Columns,
    int? BatchSize,
    string Output,
    LrFinderTrainerOptions Options,
    bool Train,
    int MaxEpochs,
    string? Weights,
    bool RandomInit);
