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

    /// <summary>Reads the file <see cref="Write"/> writes: the header must be exactly <see cref="Header"/>.</summary>
    /// <exception cref="FormatException">The text is not a curve CSV; the message names the line and column.</exception>
    public static IReadOnlyList<LrCurvePoint> Read(TextReader reader, string source)
    {
        var table = CsvTable.Open(reader, source, $"the header '{Header}'");
        CheckHeader(table.Columns, source);
        return table.Rows(Columns.Length, exactly: true)
            .Select(row => new LrCurvePoint(row.Integer(0), row.Number(1), row.Number(2), row.Number(3)))
            .ToArray();
    }

    /// <summary>
    /// Reads any tool's curve: the two columns are found by header name (case-insensitive) and every other column is ignored;
    /// fields may be separated by commas, tabs or semicolons and quoted. The learning rates must be finite, positive and
    /// strictly increasing; the losses may be anything, NaN and infinities included.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a curve; the message names the line and column.</exception>
    public static IReadOnlyList<(double LearningRate, double Loss)> ReadColumns(TextReader reader, string source, string learningRateColumn, string lossColumn)
    {
        var table = CsvTable.Open(reader, source, $"a header line naming the columns '{learningRateColumn}' and '{lossColumn}'");
        int lrIndex = table.FindColumn(learningRateColumn);
        int lossIndex = table.FindColumn(lossColumn);
        var points = new List<(double LearningRate, double Loss)>();
        foreach (var row in table.Rows(Math.Max(lrIndex, lossIndex) + 1, exactly: false))
        {
            double lr = row.Number(lrIndex);
            if (!double.IsFinite(lr) || lr <= 0)
            {
                throw row.Error(lrIndex, "must be finite and greater than 0");
            }

            if (points.Count > 0 && lr <= points[^1].LearningRate)
            {
                throw row.Error(lrIndex, "is not greater than the row before; learning rates must be strictly increasing");
            }

            points.Add((lr, row.Number(lossIndex)));
        }

        return points;
    }

    private static void CheckHeader(IReadOnlyList<string> names, string source)
    {
        for (int i = 0; i < Math.Max(names.Count, Columns.Length); i++)
        {
            string? actual = i < names.Count ? names[i] : null;
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

    // "R" is the shortest string that parses back to the same double; the invariant culture spells NaN and infinities in words.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
