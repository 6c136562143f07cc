namespace Microsoft.ML.LrFinder.Cli;

/// <summary>
/// A failure the tool understands and can explain in one line, that is not bad input (for example, the pretrained file could not
/// be downloaded). The tool prints its message and exits with <see cref="ExitCodes.Failure"/>.
/// </summary>
internal sealed class CliFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line saying what failed and what to do.</param>
    /// <param name="innerException">The underlying error, shown with <c>--verbose</c>.</param>
    public CliFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
