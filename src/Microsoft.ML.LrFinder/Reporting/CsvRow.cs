using System.Globalization;

namespace Microsoft.ML.LrFinder.Reporting;

/// <summary>One row of a <see cref="CsvTable"/>: its line number and fields, and the parsing of a field with a message that names the line and the column.</summary>
internal readonly struct CsvRow
{
    private readonly CsvTable table;
    private readonly string[] fields;

    public CsvRow(CsvTable table, int line, string[] fields)
    {
        this.table = table;
        Line = line;
        this.fields = fields;
    }

    /// <summary>The 1-based line number in the text.</summary>
    public int Line { get; }

    /// <summary>
    /// The field as a number in the invariant culture. NaN and infinities are numbers here (a diverging sweep records them),
    /// in .NET's spelling (<c>NaN</c>, <c>Infinity</c>, <c>∞</c>) and Python's (<c>nan</c>, <c>inf</c>).
    /// </summary>
    /// <exception cref="FormatException">The field is not a number.</exception>
    public double Number(int column)
    {
        string text = fields[column];
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        string sign = text.StartsWith('-') || text.StartsWith('+') ? text[..1] : string.Empty;
        string magnitude = text[sign.Length..];
        if (magnitude.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (magnitude.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || magnitude.Equals("infinity", StringComparison.OrdinalIgnoreCase)
            || magnitude == "∞")
        {
            return sign == "-" ? double.NegativeInfinity : double.PositiveInfinity;
        }

        throw Error(column, "is not a number");
    }

    /// <summary>The field as a whole number in the invariant culture.</summary>
    /// <exception cref="FormatException">The field is not a whole number.</exception>
    public int Integer(int column) =>
        int.TryParse(fields[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error(column, "is not an integer");

    /// <summary>An error about a field: <c>curve.csv: line 3, column 2 (loss): 'abc' is not a number.</c></summary>
    public FormatException Error(int column, string problem) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"{table.Source}: line {Line}, column {column + 1} ({table.Columns[column]}): '{fields[column]}' {problem}."));
}
