using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using Microsoft.ML.LrFinder.Cli.Commands;

namespace Microsoft.ML.LrFinder.Cli;

/// <summary>
/// The <c>lrfind</c> command tree and its one entry point. Tests call <see cref="Run"/> in-process with their own writers;
/// <c>Program.Main</c> calls it with the process's console.
/// </summary>
internal static class LrFindCommandLine
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns the exit code (<see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="console">Where to write.</param>
    /// <param name="cancellationToken">Stops a running sweep or training (Ctrl+C).</param>
    /// <returns>0 on success, 2 on bad input, 1 on any other failure, 130 when cancelled.</returns>
    public static int Run(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return ParseAndInvoke(args, console, cancellationToken);
        }
        catch (Exception e)
        {
            // Commands report their own errors (CommandContext.Guard); this is the net under the parser itself.
            console.Error.WriteLine($"lrfind: internal error: {OneLine(e.Message)}");
            if (args.Contains("--verbose"))
            {
                console.Error.WriteLine(e.ToString());
            }

            return ExitCodes.Failure;
        }
    }

    private static int ParseAndInvoke(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Print the full stack trace of an error.",
            Recursive = true,
        };
        var context = new CommandContext(console, verbose, cancellationToken);
        var root = new RootCommand("lrfind: find a good learning rate for a TorchSharp model or an ML.NET TorchSharp trainer (Leslie Smith's LR range test).")
        {
            DemoCommand.Create(context),
            SuggestCommand.Create(context),
        };
        root.Options.Add(verbose);
        foreach (var trainerCommand in TrainerCommands.Create(context))
        {
            root.Subcommands.Add(trainerCommand);
        }

        ParseResult parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction || (parseResult.Action is null && parseResult.Errors.Count > 0))
        {
            string command = CommandPath(parseResult);
            string message = FirstError(parseResult);
            console.Error.WriteLine($"{command}: {OneLine(message)} See '{command} --help'.");
            return ExitCodes.BadInput;
        }

        return parseResult.Invoke(new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        });
    }

    /// <summary>A default number as a user would type it: <c>1e-7</c>, <c>10</c>, <c>0.001</c>.</summary>
    internal static string FormatDefault(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        int exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{text[..e]}e{exponent}");
    }

    /// <summary>Flattens a message to one line: the tool promises one line per problem.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // System.CommandLine lists "Required command was not provided" before the unknown word that explains it; name the word.
    private static string FirstError(ParseResult parseResult)
    {
        if (parseResult.Errors.Count == 0)
        {
            return "no command given.";
        }

        var unmatched = parseResult.UnmatchedTokens;
        return unmatched.Count > 0
            ? parseResult.Errors.FirstOrDefault(e => e.Message.Contains(unmatched[0], StringComparison.Ordinal))?.Message ?? parseResult.Errors[0].Message
            : parseResult.Errors[0].Message;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "lrfind" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
