using System.Diagnostics;
using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary>One run of <c>lrfind</c>: its exit code and what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The lines written to standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs the tool in-process with captured writers (output redirected: plain progress lines, no colour).</summary>
    public static CliRun InProcess(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = LrFindCommandLine.Run(args, new CliConsole(output, error, IsInteractive: false));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Starts the tool as a process, <c>dotnet lrfind.dll</c>, from the test output folder.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lrfind.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Waits for a process started by <see cref="Start"/> and collects what it wrote.</summary>
    public static CliRun Finish(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
