using System.CommandLine;

namespace Microsoft.ML.LrFinder.Cli.Commands;

/// <summary>What every command's action needs from the run: the console, the <c>--verbose</c> switch and the cancellation token.</summary>
/// <param name="Console">Where to write.</param>
/// <param name="Verbose">The recursive <c>--verbose</c> option.</param>
/// <param name="CancellationToken">Signalled by Ctrl+C.</param>
internal sealed record CommandContext(CliConsole Console, Option<bool> Verbose, CancellationToken CancellationToken)
{
    /// <summary>
    /// Runs a command's body and turns what it throws into the tool's contract: bad input is one line on standard error and
    /// exit code 2; cancellation is exit code 130; anything else is one line and exit code 1. The stack trace follows only with
    /// <c>--verbose</c>.
    /// </summary>
    /// <param name="parseResult">The parse result of the command.</param>
    /// <param name="body">The command's work; returns its exit code.</param>
    /// <returns>The exit code.</returns>
    public int Guard(ParseResult parseResult, Func<int> body)
    {
        bool verbose = parseResult.GetValue(Verbose);
        string command = "lrfind " + parseResult.CommandResult.Command.Name;
        try
        {
            return body();
        }
        catch (CliUsageException e)
        {
            Report(command, e.Message, e, verbose);
            return ExitCodes.BadInput;
        }
        catch (CliFailureException e)
        {
            Report(command, e.Message, e, verbose);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException e) when (CancellationToken.IsCancellationRequested)
        {
            Report(command, "cancelled; nothing was written.", e, verbose);
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            Report(command, $"{e.GetType().Name}: {e.Message}" + (verbose ? string.Empty : " (run with --verbose for details)"), e, verbose);
            return ExitCodes.Failure;
        }
    }

    private void Report(string command, string message, Exception exception, bool verbose)
    {
        Console.Error.WriteLine($"{command}: {LrFindCommandLine.OneLine(message)}");
        if (verbose)
        {
            Console.Error.WriteLine(exception.ToString());
        }
    }
}
