namespace Microsoft.ML.LrFinder.Cli.Commands;

/// <summary>The ML.NET trainer subcommands, in the order help lists them.</summary>
internal static class TrainerCommands
{
    public static IEnumerable<System.CommandLine.Command> Create(CommandContext context) =>
    [
        new Trainers.TextClassificationCommand().Create(context),
        new Trainers.SentenceSimilarityCommand().Create(context),
        new Trainers.NerCommand().Create(context),
        new Trainers.QuestionAnsweringCommand().Create(context),
        new Trainers.ObjectDetectionCommand().Create(context),
    ];
}
