using System.Text.Json;
using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary><c>lrfind demo --tune</c> end to end, in-process, with a short sweep and two epochs: probes, table, JSON, plot.</summary>
public class DemoTuneTests
{
    [Test]
    public void Demo_tune_prints_the_candidates_and_writes_them_to_the_JSON_report()
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        var run = CliRun.InProcess(["demo", "-o", output, "--num-iterations", "40", "--epochs", "2", "--tune"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.Multiple(() =>
        {
            Assert.That(run.Error, Is.Empty);
            Assert.That(run.Out.Split('\n').Count(l => l.StartsWith("  probe ", StringComparison.Ordinal)), Is.EqualTo(LrTuneDefaults.CandidateCount));
            Assert.That(run.Out, Does.Contain("candidate LR").And.Contain("held-out loss").And.Contain("Tuned:"));
            Assert.That(run.Out, Does.Contain("tuned (--tune)"));
            Assert.That(folder.Entries(), Is.EqualTo(new[] { "out", "out/lr-find.csv", "out/lr-find.json", "out/lr-find.png", "out/lr-find.svg" }));
        });

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "lr-find.json")));
        var tune = json.RootElement.GetProperty("tune");
        var candidates = tune.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.That(candidates, Has.Length.EqualTo(LrTuneDefaults.CandidateCount));
        Assert.That(candidates.Select(c => c.GetProperty("stepsRun").GetInt32()), Is.All.EqualTo(tune.GetProperty("probeSteps").GetInt32()));
        var lowest = candidates.MinBy(c => c.GetProperty("validationLoss").GetDouble());
        Assert.That(tune.GetProperty("chosen").GetDouble(), Is.EqualTo(lowest.GetProperty("learningRate").GetDouble()));
        Assert.That(
            candidates.Select(c => c.GetProperty("learningRate").GetDouble()),
            Does.Contain(json.RootElement.GetProperty("selected").GetProperty("learningRate").GetDouble()));
        Assert.That(File.ReadAllText(Path.Combine(output, "lr-find.svg")), Does.Contain("held-out loss after probe"));
    }

    [Test]
    public void A_probe_fraction_out_of_range_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var run = CliRun.InProcess(["demo", "-o", folder.File("out"), "--tune", "--probe-fraction", "1.5"]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString);
        Assert.That(run.Error, Does.Contain("--probe-fraction"));
    }
}
