using System.Text.RegularExpressions;

namespace Microsoft.ML.LrFinder.Tests.Reliability.BadInputs;

/// <summary>
/// Every row of docs/errors.md, one test each, named by its id: the exact exception type (or exit code 2 with one line on
/// standard error and no stack trace), a message that names the problem, and nothing changed or written. A last test keeps
/// the table in the docs and the rows here the same.
/// </summary>
[NonParallelizable]
public class BadInputTableTests
{
    // A stack frame line as .NET prints it: "   at Namespace.Type.Method(...)".
    private static readonly Regex StackFrame = new(@"(?m)^\s+at \S+\(", RegexOptions.Compiled);

    public static IEnumerable<TestCaseData> Rows() =>
        BadInputTable.Rows().Select(row => new TestCaseData(row).SetName($"{row.Id} {row.Surface}: {row.Input}"));

    [TestCaseSource(nameof(Rows))]
    public void Row(BadInputRow row)
    {
        var outcome = row.Run();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.LeftBehind, Is.Null, "what the input left behind");
            if (row.Result == "no error")
            {
                Assert.That(outcome.Thrown, Is.Null, () => $"threw {outcome.Thrown}");
                return;
            }

            if (row.Result == "exit 2")
            {
                string[] lines = outcome.ErrorText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.ErrorText);
                Assert.That(lines, Has.Length.EqualTo(1), "one line on standard error");
                Assert.That(StackFrame.IsMatch(outcome.ErrorText) || outcome.ErrorText.Contains("Exception", StringComparison.Ordinal), Is.False, "no stack trace, no exception name");
                foreach (string name in row.Names)
                {
                    Assert.That(outcome.ErrorText, Does.Contain(name));
                }

                return;
            }

            Assert.That(outcome.Thrown?.GetType().Name, Is.EqualTo(row.Result), () => $"threw {outcome.Thrown}");
            foreach (string name in row.Names)
            {
                Assert.That(outcome.Thrown?.Message, Does.Contain(name));
            }
        });
    }

    [Test]
    public void The_table_in_docs_errors_md_has_exactly_these_rows()
    {
        // | E01 | `TorchSharpLrFinder.Find` | LrFinderOptions.StartLearningRate = 0 | `ArgumentOutOfRangeException` | StartLearningRate … must be … |
        string path = Path.Combine(RepositoryRoot(), "docs", "errors.md");
        var documented = File.ReadAllLines(path)
            .Select(line => Regex.Match(line, @"^\|\s*([ECN]\d\d)\s*\|(.*)\|(.*)\|(.*)\|(.*)\|\s*$"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => (Result: Clean(m.Groups[4].Value), Names: Clean(m.Groups[5].Value)));
        var rows = BadInputTable.Rows().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(documented.Keys, Is.EquivalentTo(rows.Select(r => r.Id)), "the ids in docs/errors.md");
            foreach (var row in rows.Where(r => documented.ContainsKey(r.Id)))
            {
                Assert.That(documented[row.Id].Result, Is.EqualTo(row.Result), $"{row.Id}: result");
                Assert.That(documented[row.Id].Names, Is.EqualTo(string.Join(" … ", row.Names)), $"{row.Id}: the message names");
            }
        });
    }

    private static string Clean(string cell) => cell.Trim().Replace("`", string.Empty, StringComparison.Ordinal).Replace("\\|", "|", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LrFinder.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("LrFinder.sln not found above the test folder.");
    }
}
