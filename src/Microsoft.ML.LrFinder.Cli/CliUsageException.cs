namespace Microsoft.ML.LrFinder.Cli;

/// <summary>
/// Bad input from the user: a missing or malformed file, an option out of range, a column that does not exist.
/// The tool prints its message as one line on standard error and exits with <see cref="ExitCodes.BadInput"/>.
/// </summary>
internal sealed class CliUsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the problem, for example <c>'curve.csv' has no column 'lr'.</c></param>
    public CliUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the error that revealed the problem.</summary>
    /// <param name="message">One line naming the problem.</param>
    /// <param name="innerException">The underlying error, shown with <c>--verbose</c>.</param>
    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
