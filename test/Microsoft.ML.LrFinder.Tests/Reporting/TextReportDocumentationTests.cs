using Microsoft.ML.LrFinder.Tests.Plotting;

namespace Microsoft.ML.LrFinder.Tests.Reporting;

/// <summary>
/// docs/plot-and-report.md shows the text report of the synthetic diverged sweep ("The text report"); every line it shows
/// must be a line the library writes for that result, word for word, so the guide cannot drift from what a user reads.
/// </summary>
public class TextReportDocumentationTests
{
    [Test]
    public void Every_line_of_the_documented_report_is_a_line_of_the_report()
    {
        var documented = DocumentedLines();
        var written = SyntheticResults.Diverged().ToText().Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        Assert.That(documented, Has.Count.GreaterThan(10), "the page shows the report in a code block under \"The text report\"");
        Assert.Multiple(() =>
        {
            foreach (string line in documented.Where(line => line.Trim() != "..."))
            {
                Assert.That(written, Does.Contain(line));
            }
        });
    }

    [Test]
    public void The_documented_lines_come_in_the_order_the_report_writes_them()
    {
        var written = SyntheticResults.Diverged().ToText().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var positions = DocumentedLines().Where(line => line.Trim() != "...").Select(line => written.IndexOf(line)).ToArray();
        Assert.That(positions, Is.Ordered.And.All.GreaterThanOrEqualTo(0));
    }

    private static List<string> DocumentedLines()
    {
        string page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "plot-and-report.md")).Replace("\r\n", "\n");
        int section = page.IndexOf("\n## The text report", StringComparison.Ordinal);
        Assert.That(section, Is.GreaterThanOrEqualTo(0), "the page has a section \"The text report\"");
        int start = page.IndexOf("\n```\n", section, StringComparison.Ordinal) + 5;
        int end = page.IndexOf("\n```", start, StringComparison.Ordinal);
        return [.. page[start..end].Split('\n')];
    }
}
