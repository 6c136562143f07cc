using System.Globalization;
using System.Text;

namespace Microsoft.ML.LrFinder.Reporting;

/// <summary>
/// The curve as CSV: <c>iteration,lr,loss,smoothed_loss</c>, invariant culture, doubles in shortest round-trip form
/// (<c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> included), so reading a file back gives the exact same points.
/// </summary>
internal static class LrCurveCsv
{
    public const string Header = "iteration,lr,loss,smoothed_loss";

    private static readonly string[] Columns = Header.Split(',');

    /// <summary>UTF-8 without a byte-order mark, so that every CSV reader sees the header's first name as written.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Write(IEnumerable<LrCurvePoint> points, TextWriter writer)
    {
        writer.Write(Header);
        writer.Write('\n');
        foreach (var point in points)
        {
            writer.Write(point.Iteration.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(Format(point.LearningRate));
            writer.Write(',');
            writer.Write(Format(point.Loss));
            writer.Write(',');
            writer.Write(Format(point.SmoothedLoss));
            writer.Write('\n');
        }
    }

    /// <exception cref="FormatException">The text is not a curve CSV; the message names the line and column.</exception>
    public static IReadOnlyList<LrCurvePoint> Read(TextReader reader, string source)
    {
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw new FormatException($"{source}: line 1: the file is empty; expected the header '{Header}'.");
        }

        CheckHeader(header.TrimStart('\uFEFF'), source);
        var points = new List<LrCurvePoint>();
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                throw new FormatException($"{source}: line {lineNumber}: blank line; every line after the header must be a point.");
            }

            string[] fields = line.Split(',');
            if (fields.Length != Columns.Length)
            {
                throw new FormatException(
                    $"{source}: line {lineNumber}: {fields.Length} values; expected {Columns.Length} ({Header}).");
            }

            points.Add(new LrCurvePoint(
                ParseIteration(fields[0], source, lineNumber),
                ParseDouble(fields[1], source, lineNumber, 1),
                ParseDouble(fields[2], source, lineNumber, 2),
                ParseDouble(fields[3], source, lineNumber, 3)));
        }

        return points;
    }

    private static void CheckHeader(string header, string source)
    {
        string[] names = header.Split(',');
        for (int i = 0; i < Math.Max(names.Length, Columns.Length); i++)
        {
            string? actual = i < names.Length ? names[i].Trim() : null;
            string? expected = i < Columns.Length ? Columns[i] : null;
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                string problem = (actual, expected) switch
                {
                    (null, _) => $"column '{expected}' is missing",
                    (_, null) => $"unexpected extra column '{actual}'",
                    _ => $"unknown column '{actual}', expected '{expected}'",
                };
                throw new FormatException($"{source}: line 1, column {i + 1}: {problem}; the header must be '{Header}'.");
            }
        }
    }

    private static int ParseIteration(string field, string source, int lineNumber) =>
        int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"{source}: line {lineNumber}, column 1 ({Columns[0]}): '{field}' is not an integer.");

    private static double ParseDouble(string field, string source, int lineNumber, int column) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new FormatException(
                $"{source}: line {lineNumber}, column {column + 1} ({Columns[column]}): '{field}' is not a number.");

    // "R" is the shortest string that parses back to the same double; the invariant culture spells NaN and infinities in words.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
