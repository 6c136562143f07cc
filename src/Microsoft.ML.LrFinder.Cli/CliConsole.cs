using Microsoft.ML.LrFinder.Cli.Output;
using Spectre.Console;

namespace Microsoft.ML.LrFinder.Cli;

/// <summary>Where a run of the tool writes: standard output and error, and whether standard output is a live terminal.</summary>
/// <param name="Out">Standard output: tables, reports, progress.</param>
/// <param name="Error">Standard error: the one line that names a problem (and the stack trace with <c>--verbose</c>).</param>
/// <param name="IsInteractive">
/// Whether <paramref name="Out"/> is a terminal. When it is, progress is a live bar; when output is redirected or captured,
/// progress is plain lines and the table has no colour.
/// </param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    /// <summary>Width when output is redirected: wide enough that no line (explanations, file paths) is wrapped in a log.</summary>
    private const int RedirectedWidth = 4096;

    /// <summary>The process's own console.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsOutputRedirected);

    /// <summary>A Spectre console over <see cref="Out"/>: colours and live rendering only on a terminal.</summary>
    public IAnsiConsole CreateAnsiConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(IsInteractive ? Out : new TrailingSpaceTrimmingWriter(Out)),
            Ansi = IsInteractive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsInteractive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsInteractive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!IsInteractive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
