namespace Microsoft.ML.LrFinder.Cli.Input;

/// <summary>
/// The curve file of <c>lrfind suggest</c>, read by the library's lenient reader (<see cref="LrFinderReport.LoadCsvColumns"/>):
/// the two columns are found by header name and every other column is ignored, so the tool's own <c>lr-find.csv</c> and other
/// tools' exports both read. Every problem is a <see cref="CliUsageException"/> naming the file, the line and the column.
/// </summary>
internal static class CurveFile
{
    /// <summary>The fewest rows a curve may have.</summary>
    public const int MinimumRows = 2;

    /// <summary>Reads the curve.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="learningRateColumn">The header name of the learning-rate column.</param>
    /// <param name="lossColumn">The header name of the loss column.</param>
    /// <returns>The curve's (learning rate, loss) rows.</returns>
    /// <exception cref="CliUsageException">The file is missing, unreadable, malformed or has fewer than <see cref="MinimumRows"/> rows.</exception>
    public static IReadOnlyList<(double LearningRate, double Loss)> Read(string path, string learningRateColumn, string lossColumn)
    {
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"'{path}' is a directory, not a CSV file.");
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"input file '{path}' does not exist.");
        }

        IReadOnlyList<(double LearningRate, double Loss)> curve;
        try
        {
            curve = LrFinderReport.LoadCsvColumns(path, learningRateColumn, lossColumn);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{path}': {e.Message}", e);
        }

        return curve.Count >= MinimumRows
            ? curve
            : throw new CliUsageException($"'{path}' has {curve.Count} data row(s); a curve needs at least {MinimumRows}.");
    }
}
