namespace Microsoft.ML.LrFinder.Benchmarks.Datasets;

/// <summary>The Wikipedia Detox sample (Data/README.md): 250 comments labelled toxic ("1") or not ("0").</summary>
internal static class DetoxComments
{
    /// <summary>
    /// Comments are cut to their first 48 words (the median is 29, a few run past 600): a batch is padded to its longest comment,
    /// so one long comment made every step of its batch several times dearer without changing what the benchmark measures.
    /// </summary>
    public const int MaximumWords = 48;

    public static Row[] Load() => File.ReadLines(Path.Combine(DataFiles.DataDirectory, "wikipedia-detox-250-line-data.tsv"))
        .Skip(1)
        .Where(line => line.Length > 0)
        // Line by line, no quoting: one comment has a stray quote that would merge lines (shared data README).
        .Select(line => line.Split('\t'))
        .Select(fields => new Row { Sentiment = fields[0].Trim(), Sentence = Truncate(fields[1]) })
        .ToArray();

    private static string Truncate(string text) =>
        string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaximumWords));

    /// <summary>A comment as ML.NET loads it.</summary>
    public sealed class Row
    {
        public string Sentiment { get; set; } = string.Empty;

        public string Sentence { get; set; } = string.Empty;
    }
}
