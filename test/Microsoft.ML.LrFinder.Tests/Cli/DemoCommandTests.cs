using System.Text.Json;
using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary>
/// <c>lrfind demo</c> end to end, in-process, with a short sweep and one training epoch so it takes seconds: the table, the
/// four files, the JSON keys of issue 6, both accuracies, and determinism under a seed.
/// </summary>
public class DemoCommandTests
{
    private static readonly string[] ShortRun = ["--num-iterations", "40", "--epochs", "2"];

    [Test]
    public void Demo_prints_the_table_writes_four_files_and_compares_two_learning_rates()
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        var run = CliRun.InProcess(["demo", "-o", output, .. ShortRun]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.Multiple(() =>
        {
            Assert.That(run.Error, Is.Empty);
            Assert.That(run.Out, Does.Contain("method").And.Contain("suggested LR").And.Contain("valley"));
            Assert.That(run.Out, Does.Contain("Selected:"));
            Assert.That(run.Out, Does.Contain("selected (lagfree)").And.Contain("poor (--poor-lr)"));
            Assert.That(run.Out, Does.Contain("held-out accuracy"));
            Assert.That(folder.Entries(), Is.EqualTo(new[] { "out", "out/lr-find.csv", "out/lr-find.json", "out/lr-find.png", "out/lr-find.svg" }));
        });

        // Redirected output: progress is plain lines, one per tenth of the sweep (40 iterations: every 4th), the last at 40/40.
        var progressLines = run.Out.Split('\n').Where(l => l.StartsWith("sweep ", StringComparison.Ordinal)).ToArray();
        Assert.That(progressLines, Has.Length.EqualTo(10));
        Assert.That(progressLines[^1], Does.StartWith("sweep  40/40  lr "));

        string csv = File.ReadAllText(Path.Combine(output, "lr-find.csv"));
        Assert.That(csv, Does.StartWith("iteration,lr,loss,smoothed_loss\n"));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "lr-find.json")));
        var root = json.RootElement;
        Assert.That(
            root.EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "stopReason", "iterations", "suggestions", "selected", "warnings" }));
        var first = root.GetProperty("suggestions")[0];
        Assert.That(
            first.EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "method", "learningRate", "pointLearningRate", "pointLoss", "curve", "explanation" }));
        Assert.That(root.GetProperty("selected").GetProperty("method").GetString(), Is.EqualTo("lagfree"));
        Assert.That(root.GetProperty("iterations").GetInt32(), Is.EqualTo(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1));
    }

    [Test]
    public void Demo_is_deterministic_under_its_seed()
    {
        using var folder = new TempFolder();
        var first = CliRun.InProcess(["demo", "-o", folder.File("a"), .. ShortRun]);
        var second = CliRun.InProcess(["demo", "-o", folder.File("b"), .. ShortRun]);
        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString);
        Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.ToString);
        Assert.That(File.ReadAllText(folder.File("b/lr-find.csv")), Is.EqualTo(File.ReadAllText(folder.File("a/lr-find.csv"))));
        Assert.That(File.ReadAllText(folder.File("b/lr-find.json")), Is.EqualTo(File.ReadAllText(folder.File("a/lr-find.json"))));
        Assert.That(WithoutTimings(second.Out), Is.EqualTo(WithoutTimings(first.Out).Replace(folder.File("a"), folder.File("b"), StringComparison.Ordinal)));
    }

    [Test]
    public void Suggest_on_the_demos_csv_gives_the_demos_suggestions()
    {
        // The round trip a user makes to check our numbers: the saved raw losses, re-smoothed with the same beta and the same
        // requested-iteration count, give the same suggestions as the sweep.
        using var folder = new TempFolder();
        string output = folder.File("out");
        var demo = CliRun.InProcess(["demo", "-o", output, .. ShortRun]);
        Assert.That(demo.ExitCode, Is.EqualTo(ExitCodes.Success), demo.ToString);

        var suggest = CliRun.InProcess("suggest", "--input", Path.Combine(output, "lr-find.csv"), "--num-iterations", "40", "--format", "json");
        Assert.That(suggest.ExitCode, Is.EqualTo(ExitCodes.Success), suggest.ToString);
        using var sweepJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "lr-find.json")));
        using var suggestJson = JsonDocument.Parse(suggest.Out);
        var fromSweep = sweepJson.RootElement.GetProperty("suggestions").EnumerateArray().Select(Summary).ToArray();
        var fromSuggest = suggestJson.RootElement.GetProperty("suggestions").EnumerateArray().Select(Summary).ToArray();
        Assert.That(fromSuggest, Is.EqualTo(fromSweep));
    }

    [Test]
    public void Cancelled_demo_exits_130_and_writes_nothing()
    {
        // Ctrl+C cancels the token Program.Main passes; the sweep stops at once and nothing reaches the output folder.
        using var folder = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        int exitCode = LrFindCommandLine.Run(
            ["demo", "-o", folder.File("out"), .. ShortRun], new CliConsole(output, error, IsInteractive: false), cancelled.Token);
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Cancelled), error.ToString);
        Assert.That(error.ToString(), Does.Contain("cancelled; nothing was written."));
        Assert.That(folder.Entries(), Is.Empty);
    }

    private static string Summary(JsonElement suggestion) =>
        $"{suggestion.GetProperty("method").GetString()} {suggestion.GetProperty("learningRate")}";

    // The elapsed time and the ETA of the progress lines differ between runs; everything else must not.
    private static string WithoutTimings(string output) => string.Join('\n', output.Split('\n')
        .Where(l => !l.StartsWith("Done in", StringComparison.Ordinal))
        .Select(l => l.Contains("  elapsed ", StringComparison.Ordinal) ? l[..l.IndexOf("  elapsed ", StringComparison.Ordinal)] : l));
}
