namespace Microsoft.ML.LrFinder.Benchmarks.Datasets;

/// <summary>
/// 300 messages of the SpamAssassin public corpus (Data/README.md): 150 "hard ham" (legitimate mail that looks like spam) and
/// 150 spam, each its subject and the first words of its body.
/// </summary>
internal static class SpamAssassinMessages
{
    /// <summary>The messages' texts and labels (1 spam, 0 ham), in file order.</summary>
    public static (string[] Texts, int[] Labels) Load()
    {
        var rows = File.ReadLines(Path.Combine(DataFiles.DataDirectory, "spam-assassin-300.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 2))
            .ToArray();
        return (rows.Select(fields => fields[1]).ToArray(), rows.Select(fields => fields[0] == "1" ? 1 : 0).ToArray());
    }
}
