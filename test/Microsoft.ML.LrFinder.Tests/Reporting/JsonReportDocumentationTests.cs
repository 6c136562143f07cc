using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.LrFinder.Reporting;
using Microsoft.ML.LrFinder.Tests.Plotting;

namespace Microsoft.ML.LrFinder.Tests.Reporting;

/// <summary>
/// docs/plot-and-report.md lists every key of the JSON report in the first column of its table ("The JSON report"), as paths
/// (<c>suggestions[].curve</c>, <c>tune.chosen</c>); the writer and that table must name the same keys, so the page cannot
/// drift from the file a user reads.
/// </summary>
public partial class JsonReportDocumentationTests
{
    [Test]
    public void The_documented_keys_are_exactly_the_keys_the_writer_writes()
    {
        // A result with every key present: suggestions with values, a selection, a warning and the tuning step.
        var sweep = SyntheticResults.Diverged();
        Assume.That(sweep.Selected, Is.Not.Null);
        var tune = new LrTuneResult(sweep, [new LrTuneCandidate(1e-3, 0.5, 10)], probeSteps: 10, budgetSteps: 50, ["a tuning warning"], TimeSpan.Zero);
        using var stream = new MemoryStream();
        LrJsonReport.Write(sweep, tune, stream);
        using var json = JsonDocument.Parse(stream.ToArray());

        var written = new SortedSet<string>(StringComparer.Ordinal);
        CollectKeys(json.RootElement, string.Empty, written);

        Assert.That(DocumentedKeys(), Is.EquivalentTo(written), "docs/plot-and-report.md, the table under \"The JSON report\"");
    }

    // Every property as a path; an array adds "[]" and its elements' properties follow it.
    private static void CollectKeys(JsonElement element, string path, ISet<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                string key = path.Length == 0 ? property.Name : path + "." + property.Name;
                if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    keys.Add(key + "[]");
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        CollectKeys(item, key + "[]", keys);
                    }
                }
                else
                {
                    keys.Add(key);
                    CollectKeys(property.Value, key, keys);
                }
            }
        }
    }

    private static List<string> DocumentedKeys()
    {
        string page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "plot-and-report.md"));
        int section = page.IndexOf("\n## The JSON report", StringComparison.Ordinal);
        Assert.That(section, Is.GreaterThanOrEqualTo(0), "the page has a section \"The JSON report\"");
        int end = page.IndexOf("\n## ", section + 1, StringComparison.Ordinal);
        string text = end < 0 ? page[section..] : page[section..end];
        return TableKey().Matches(text).Select(m => m.Groups["key"].Value).ToList();
    }

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z\[\].]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableKey();
}
