namespace Microsoft.ML.LrFinder.Cli;

/// <summary>The process entry: the system console and Ctrl+C.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the sweep cleanly (nothing is written); a second one ends the process.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };
        return LrFindCommandLine.Run(args, CliConsole.System(), cancellation.Token);
    }
}
