namespace Microsoft.ML.LrFinder.Reporting;

/// <summary>
/// A CSV text read line by line: the header (the first line that is not blank, its separator a comma, tab or semicolon,
/// fields trimmed of spaces and quotes), then one <see cref="CsvRow"/> per line. Blank lines after the last row are an
/// editor's trailing newlines; a blank line between rows means a cut or a paste went wrong, and reading on would join two
/// curves, so it is an error. Every error is a <see cref="FormatException"/> that starts with the source and the line.
/// </summary>
internal sealed class CsvTable
{
    private static readonly char[] Separators = [',', '\t', ';'];

    private readonly TextReader reader;
    private readonly char separator;
    private readonly int headerLine;
    private int lineNumber;

    private CsvTable(TextReader reader, string source, string header, int headerLine)
    {
        this.reader = reader;
        Source = source;
        this.headerLine = headerLine;
        lineNumber = headerLine;
        separator = Separators.FirstOrDefault(header.Contains, ',');
        Columns = Split(header);
    }

    /// <summary>The name of the text in messages, usually its path.</summary>
    public string Source { get; }

    /// <summary>The header's column names, trimmed.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Reads up to the header.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">The name of the text in messages.</param>
    /// <param name="expectedHeader">What the header should hold, in words, for the message about an empty text.</param>
    /// <exception cref="FormatException">The text is empty.</exception>
    public static CsvTable Open(TextReader reader, string source, string expectedHeader)
    {
        int line = 0;
        string? header;
        do
        {
            header = reader.ReadLine();
            line++;
        }
        while (header is not null && IsBlank(header.TrimStart('\uFEFF')));

        return header is null
            ? throw new FormatException($"{source}: line 1: the file is empty; expected {expectedHeader}.")
            : new CsvTable(reader, source, header.TrimStart('\uFEFF'), line);
    }

    /// <summary>The index of the column of that name (case-insensitive).</summary>
    /// <exception cref="FormatException">No column, or two columns, have that name.</exception>
    public int FindColumn(string name)
    {
        var matches = Enumerable.Range(0, Columns.Count).Where(i => Columns[i].Equals(name, StringComparison.OrdinalIgnoreCase)).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new FormatException(
                $"{Source}: line {headerLine}: the header has no column '{name}' (its columns: {string.Join(", ", Columns.Select(c => $"'{c}'"))})."),
            _ => throw new FormatException($"{Source}: line {headerLine}: the header has two columns named '{name}'; rename one."),
        };
    }

    /// <summary>The rows after the header, each checked to have the number of fields the caller reads.</summary>
    /// <param name="fields">How many fields a row needs.</param>
    /// <param name="exactly">True when a row must have exactly that many; false when it may have more.</param>
    /// <exception cref="FormatException">A blank line between rows, or a row with the wrong number of fields.</exception>
    public IEnumerable<CsvRow> Rows(int fields, bool exactly)
    {
        int firstBlank = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (IsBlank(line))
            {
                firstBlank = firstBlank == 0 ? lineNumber : firstBlank;
                continue;
            }

            if (firstBlank > 0)
            {
                throw new FormatException($"{Source}: line {firstBlank}: blank line between rows; every line after the header must be a row.");
            }

            var values = Split(line);
            if (values.Length < fields || (exactly && values.Length > fields))
            {
                string expected = exactly ? $"{fields} ({string.Join(separator, Columns)})" : $"at least {fields} (the header puts '{Columns[fields - 1]}' in column {fields})";
                throw new FormatException($"{Source}: line {lineNumber}: {values.Length} values; expected {expected}.");
            }

            yield return new CsvRow(this, lineNumber, values);
        }
    }

    private static bool IsBlank(string line) => line.Trim().Length == 0;

    private string[] Split(string line) =>
        line.Split(separator).Select(field => field.Trim().Trim('"').Trim()).ToArray();
}
