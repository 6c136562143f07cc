using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.LrFinder.Cli.Input;

/// <summary>
/// A user's dataset file as mlnet reads it: a delimited text file (tab if the first line has one, else comma or semicolon,
/// whichever it has more of),
/// with or without a header, every column loaded as text so that each command converts only the columns it uses.
/// Columns are named by the header, or <c>col0</c>, <c>col1</c>, … without one; options may name a column or give its 0-based index.
/// </summary>
internal sealed class TabularDataset
{
    private TabularDataset(string path, IDataView data, IReadOnlyList<string> columnNames)
    {
        Path = path;
        Data = data;
        ColumnNames = columnNames;
    }

    /// <summary>The file, as the user gave it.</summary>
    public string Path { get; }

    /// <summary>The rows, every column as text.</summary>
    public IDataView Data { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Loads a dataset file lazily (rows are read when the trainer reads them).</summary>
    /// <param name="mlContext">The context that reads it.</param>
    /// <param name="path">The file.</param>
    /// <param name="hasHeader">Whether the first line names the columns.</param>
    /// <param name="optionName">The option that named the file, for messages.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="CliUsageException">The file is missing, unreadable or empty, or its header names a column twice.</exception>
    public static TabularDataset Load(MLContext mlContext, string path, bool hasHeader, string optionName)
    {
        string firstLine = FirstLine(path, optionName);

        // A tab never occurs inside ordinary text, so it wins when present; commas and semicolons can (labels "a,b", "1,5").
        char separator = firstLine.Contains('\t', StringComparison.Ordinal)
            ? '\t'
            : firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';

        string[] fields = firstLine.Split(separator);
        string[] names = hasHeader
            ? fields.Select(f => f.Trim().Trim('"').TrimStart('#').Trim()).ToArray()
            : Enumerable.Range(0, fields.Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"col{i}")).ToArray();
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new CliUsageException($"{optionName} '{path}': the header names the column '{duplicate.Key}' twice.");
        }

        var loader = mlContext.Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [separator],
            HasHeader = hasHeader,
            AllowQuoting = true,
            ReadMultilines = false,
            TrimWhitespace = false,
            Columns = names.Select((name, i) => new TextLoader.Column(name, DataKind.String, i)).ToArray(),
        });
        return new TabularDataset(path, loader.Load(path), names);
    }

    /// <summary>The values of a text column, in row order (for checks before training, such as image files that exist).</summary>
    /// <param name="column">A column name from <see cref="ColumnNames"/>.</param>
    /// <returns>The values.</returns>
    public IEnumerable<string> Values(string column) =>
        Data.GetColumn<ReadOnlyMemory<char>>(column).Select(v => v.ToString());

    /// <summary>The name of the column an option refers to, by name (exact, then case-insensitive) or by 0-based index.</summary>
    /// <param name="nameOrIndex">What the user typed.</param>
    /// <param name="optionName">The option, for messages.</param>
    /// <returns>The column's name in <see cref="Data"/>.</returns>
    /// <exception cref="CliUsageException">No such column.</exception>
    public string Column(string nameOrIndex, string optionName)
    {
        if (ColumnNames.FirstOrDefault(n => n == nameOrIndex) is { } exact)
        {
            return exact;
        }

        var ignoringCase = ColumnNames.Where(n => n.Equals(nameOrIndex, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (ignoringCase.Length == 1)
        {
            return ignoringCase[0];
        }

        if (int.TryParse(nameOrIndex, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < ColumnNames.Count)
        {
            return ColumnNames[index];
        }

        throw new CliUsageException(
            $"{optionName} '{nameOrIndex}': {Path} has no such column (its columns: {string.Join(", ", ColumnNames.Select(n => $"'{n}'"))}).");
    }

    private static string FirstLine(string path, string optionName)
    {
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"{optionName} '{path}' is a directory, not a data file.");
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"{optionName} '{path}' does not exist.");
        }

        try
        {
            using var reader = new StreamReader(path);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Trim().Length > 0)
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read {optionName} '{path}': {e.Message}", e);
        }

        throw new CliUsageException($"{optionName} '{path}' is empty.");
    }
}
