namespace Microsoft.ML.LrFinder.Cli.Commands;

/// <summary>The ML.NET trainer subcommands (text-classification, sentence-similarity, ner, question-answering, object-detection).</summary>
internal static class TrainerCommands
{
    public static IEnumerable<System.CommandLine.Command> Create(CommandContext context)
    {
        _ = context;
        return [];
    }
}
