namespace Microsoft.ML.LrFinder.Cli;

/// <summary>The tool's exit codes (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed that is not the user's input (for example the model could not be trained).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: an unknown option, a value out of range, a missing or malformed file. Nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>The user pressed Ctrl+C. Nothing was written. 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
