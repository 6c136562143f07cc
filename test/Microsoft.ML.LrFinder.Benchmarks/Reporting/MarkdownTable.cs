using System.Text;

namespace Microsoft.ML.LrFinder.Benchmarks.Reporting;

/// <summary>A GitHub-flavoured markdown table, built row by row; numeric columns are right-aligned.</summary>
internal sealed class MarkdownTable
{
    private readonly string[] headers;
    private readonly bool[] rightAligned;
    private readonly List<string[]> rows = [];

    public MarkdownTable(params string[] headers)
    {
        this.headers = headers;
        rightAligned = new bool[headers.Length];
    }

    /// <summary>Right-aligns the named columns (numbers).</summary>
    public MarkdownTable AlignRight(params int[] columns)
    {
        foreach (int column in columns)
        {
            rightAligned[column] = true;
        }

        return this;
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"must have {headers.Length} cells.", nameof(cells));
        }

        rows.Add(cells);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', rightAligned.Select(r => r ? "---:" : "---")).AppendLine("|");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }

        return text.ToString();
    }
}
