using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Input;

/// <summary>
/// Reads a recorded loss-versus-learning-rate curve from a CSV file. The two columns are found by header name
/// (case-insensitive); every other column is ignored, so the tool's own <c>lr-find.csv</c> and other tools' exports both read.
/// Every problem is a <see cref="CliUsageException"/> naming the file, the line and the column.
/// </summary>
internal static class CurveCsvReader
{
    /// <summary>The fewest rows a curve may have.</summary>
    public const int MinimumRows = 2;

    private static readonly char[] Separators = [',', '\t', ';'];

    /// <summary>Reads the curve.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="learningRateColumn">The header name of the learning-rate column.</param>
    /// <param name="lossColumn">The header name of the loss column.</param>
    /// <returns>The curve's rows.</returns>
    /// <exception cref="CliUsageException">The file is missing, unreadable, empty or malformed.</exception>
    public static RecordedCurve Read(string path, string learningRateColumn, string lossColumn)
    {
        string[] lines = ReadLines(path);
        string name = path;
        int headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerIndex < 0)
        {
            throw new CliUsageException($"'{path}' is empty: expected a header line naming the columns '{learningRateColumn}' and '{lossColumn}'.");
        }

        string header = lines[headerIndex];
        char separator = Separators.FirstOrDefault(header.Contains, ',');
        string[] columns = Split(header, separator);
        int lrIndex = FindColumn(columns, learningRateColumn, name);
        int lossIndex = FindColumn(columns, lossColumn, name);

        var learningRates = new List<double>();
        var losses = new List<double>();
        int lastRow = Array.FindLastIndex(lines, l => l.Trim().Length > 0);
        for (int i = headerIndex + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                // Blank lines after the last row are an editor's trailing newlines; one between rows means a cut or a paste
                // went wrong, and reading on would join two curves (the library's LoadCsv rejects it too).
                if (i < lastRow)
                {
                    throw new CliUsageException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{name}, line {i + 1}: blank line between rows; every line after the header must be a row."));
                }

                continue;
            }

            int lineNumber = i + 1;
            string[] fields = Split(lines[i], separator);
            int needed = Math.Max(lrIndex, lossIndex) + 1;
            if (fields.Length < needed)
            {
                throw new CliUsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name}, line {lineNumber}: {fields.Length} field(s), but the header puts '{columns[Math.Max(lrIndex, lossIndex)]}' in field {needed}."));
            }

            double lr = ParseNumber(fields[lrIndex], columns[lrIndex], name, lineNumber);
            if (!double.IsFinite(lr) || lr <= 0)
            {
                throw new CliUsageException($"{name}, line {lineNumber}: {columns[lrIndex]} '{fields[lrIndex]}' must be finite and greater than 0.");
            }

            if (learningRates.Count > 0 && lr <= learningRates[^1])
            {
                throw new CliUsageException(
                    $"{name}, line {lineNumber}: {columns[lrIndex]} '{fields[lrIndex]}' is not greater than the row before; learning rates must be strictly increasing.");
            }

            learningRates.Add(lr);
            losses.Add(ParseNumber(fields[lossIndex], columns[lossIndex], name, lineNumber));
        }

        if (learningRates.Count < MinimumRows)
        {
            throw new CliUsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{path}' has {learningRates.Count} data row(s); a curve needs at least {MinimumRows}."));
        }

        return new RecordedCurve(learningRates, losses);
    }

    /// <summary>
    /// Parses a number in the invariant culture. NaN and infinities are numbers here (a diverging sweep records them), in .NET's
    /// spelling (<c>NaN</c>, <c>Infinity</c>) and Python's (<c>nan</c>, <c>inf</c>).
    /// </summary>
    internal static bool TryParseNumber(string text, out double value)
    {
        string s = text.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        string sign = s.StartsWith('-') || s.StartsWith('+') ? s[..1] : string.Empty;
        string magnitude = s[sign.Length..];
        if (magnitude.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (magnitude.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || magnitude.Equals("infinity", StringComparison.OrdinalIgnoreCase)
            || magnitude == "∞")
        {
            value = sign == "-" ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }

    private static double ParseNumber(string field, string column, string file, int lineNumber)
    {
        if (!TryParseNumber(field, out double value))
        {
            throw new CliUsageException(field.Trim().Length == 0
                ? $"{file}, line {lineNumber}: {column} is empty; expected a number."
                : $"{file}, line {lineNumber}: {column} '{field.Trim()}' is not a number.");
        }

        return value;
    }

    private static string[] ReadLines(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"'{path}' is a directory, not a CSV file.");
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"input file '{path}' does not exist.");
        }

        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{path}': {e.Message}", e);
        }
    }

    private static int FindColumn(string[] columns, string wanted, string file)
    {
        int index = -1;
        for (int i = 0; i < columns.Length; i++)
        {
            if (!columns[i].Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (index >= 0)
            {
                throw new CliUsageException($"{file} has two columns named '{wanted}'; rename one.");
            }

            index = i;
        }

        if (index < 0)
        {
            throw new CliUsageException($"{file} has no column '{wanted}' (its columns: {string.Join(", ", columns.Select(c => $"'{c}'"))}).");
        }

        return index;
    }

    private static string[] Split(string line, char separator) =>
        line.Split(separator).Select(field => field.Trim().Trim('"').Trim()).ToArray();
}
