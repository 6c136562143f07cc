using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Interactive;

/// <summary>
/// The sample notebook (docs/samples/notebook/lr-finder.ipynb) executed headless by the repository's own command,
/// <c>./build.sh notebook DIR</c> (<c>build.cmd notebook DIR</c> on Windows): it packs the library into a folder feed, and a
/// real .NET Interactive kernel (dotnet-repl, a local tool of .config/dotnet-tools.json) restores the package, loads its
/// notebook extension and runs every cell. The executed notebook must hold no error, the plot as inline SVG in the sweep's
/// cell, the sweep's suggestion table and the selected rate.
/// </summary>
/// <remarks>
/// It costs a Release pack of the library, a package restore in the kernel and the notebook's own work (a 100-step sweep of a
/// small network, a tuning step, a 30-step TextClassification sweep and fit): docs/notebooks.md gives the measured time.
/// </remarks>
[Category(Category)]
public class SampleNotebookTests
{
    /// <summary>The category of the test: <c>--filter "TestCategory=Notebook"</c> runs it alone.</summary>
    public const string Category = "Notebook";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    [Test]
    public void The_executed_sample_notebook_shows_the_plot_and_the_selected_rate_without_errors()
    {
        string output = Path.Combine(Path.GetTempPath(), "lrfinder-notebook-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, log) = RunBuildScript("notebook", output);
            string executed = Path.Combine(output, "lr-finder.ipynb");
            Assert.That(File.Exists(executed), Is.True, $"no executed notebook; build script exited with {exitCode}:\n{log}");

            var outputs = CellOutputs(executed);
            var errors = outputs.SelectMany(o => o).Where(o => o.Type == "error").Select(o => o.Text).ToArray();
            string html = string.Join('\n', outputs.SelectMany(o => o).Where(o => o.MimeType == "text/html").Select(o => o.Text));
            string plain = string.Join('\n', outputs.SelectMany(o => o).Where(o => o.MimeType == "text/plain").Select(o => o.Text));
            Assert.Multiple(() =>
            {
                Assert.That(errors, Is.Empty, "no cell failed");
                Assert.That(exitCode, Is.EqualTo(0), log);
                Assert.That(html, Does.Contain("<div class=\"lrfinder\">").And.Contain("<svg").And.Contain("</svg>"), "the plot, inline");
                Assert.That(html, Does.Contain("<table class=\"lrfinder-suggestions\">"), "the suggestion table");
                Assert.That(html, Does.Contain("<table class=\"lrfinder-candidates\">"), "the tuning step's candidates");
                Assert.That(plain, Does.Match(@"Selected learning rate: [0-9.]+e[-+]?\d+ \(\w+\)"), "the selected rate");
                Assert.That(plain, Does.Match(@"fitted with learning rate [0-9.]+e[-+]?\d+"), "WithLrFinder's fit");
            });
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    // Each code cell's outputs: an error's message, or each MIME type's text (a list of lines in the file, joined here).
    private static List<List<(string Type, string? MimeType, string Text)>> CellOutputs(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(notebook));
        var cells = new List<List<(string, string?, string)>>();
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code")
            {
                continue;
            }

            var outputs = new List<(string, string?, string)>();
            foreach (var output in cell.GetProperty("outputs").EnumerateArray())
            {
                string type = output.GetProperty("output_type").GetString() ?? string.Empty;
                if (type == "error")
                {
                    outputs.Add((type, null, output.GetProperty("evalue").GetString() ?? string.Empty));
                }
                else if (output.TryGetProperty("data", out var data))
                {
                    outputs.AddRange(data.EnumerateObject().Select(d => (type, (string?)d.Name, Text(d.Value))));
                }
                else if (output.TryGetProperty("text", out var text))
                {
                    outputs.Add((type, "text/plain", Text(text)));
                }
            }

            cells.Add(outputs);
        }

        return cells;
    }

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(l => l.GetString())) : value.GetString() ?? string.Empty;

    private static (int ExitCode, string Log) RunBuildScript(params string[] arguments)
    {
        string root = TestPaths.RepositoryRoot;
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", Path.Combine(root, "build.cmd") } }
            : new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(root, "build.sh") } };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.WorkingDirectory = root;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into the script's own builds.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"build.sh {string.Join(' ', arguments)} did not finish in {Timeout}:\n{log}");
        }

        process.WaitForExit();
        TestContext.Progress.WriteLine(FormattableString.Invariant($"[notebook] build script: exit {process.ExitCode} in {stopwatch.Elapsed.TotalSeconds:F0} s"));
        return (process.ExitCode, log.ToString());
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
