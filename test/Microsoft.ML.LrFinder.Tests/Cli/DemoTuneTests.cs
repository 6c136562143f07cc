using System.Text.Json;
using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary><c>lrfind demo --tune</c> end to end, in-process, with a short sweep and two epochs: probes, table, JSON, plot.</summary>
public class DemoTuneTests
{
    [Test]
    public void Demo_tune_probes_at_least_three_candidates_down_to_an_eighth_of_the_selection_and_reports_every_probe()
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        var run = CliRun.InProcess(["demo", "-o", output, "--num-iterations", "40", "--epochs", "2", "--tune"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.Multiple(() =>
        {
            Assert.That(run.Error, Is.Empty);
            Assert.That(run.Out, Does.Contain("successive halving within 3 ×"));
            Assert.That(run.Out, Does.Contain("  round 1/").And.Contain("  round 2/"));
            Assert.That(run.Out, Does.Contain("candidate LR").And.Contain("held-out loss").And.Contain("Tuned:"));
            Assert.That(run.Out, Does.Contain("tuned (--tune)"));
            Assert.That(folder.Entries(), Is.EqualTo(new[] { "out", "out/lr-find.csv", "out/lr-find.json", "out/lr-find.png", "out/lr-find.svg" }));
        });

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "lr-find.json")));
        var tune = json.RootElement.GetProperty("tune");
        var probes = tune.GetProperty("candidates").EnumerateArray()
            .Select(c => (Rate: c.GetProperty("learningRate").GetDouble(), Loss: c.GetProperty("validationLoss").GetDouble(), Steps: c.GetProperty("stepsRun").GetInt32(), Round: c.GetProperty("round").GetInt32()))
            .ToArray();
        double selected = json.RootElement.GetProperty("selected").GetProperty("learningRate").GetDouble();
        var firstRound = probes.Where(p => p.Round == 0).Select(p => p.Rate).ToArray();

        Assert.Multiple(() =>
        {
            // Every probe the console printed is in the report, with its round and the steps it ran.
            Assert.That(run.Out.Split('\n').Count(l => l.StartsWith("  probe ", StringComparison.Ordinal)), Is.EqualTo(probes.Length));
            Assert.That(firstRound, Has.Length.GreaterThanOrEqualTo(3));
            Assert.That(firstRound.Min(), Is.LessThanOrEqualTo(selected / 8));
            Assert.That(firstRound, Does.Contain(selected));
            Assert.That(probes.Max(p => p.Round), Is.EqualTo(tune.GetProperty("rounds").GetInt32() - 1).And.GreaterThan(0));
            Assert.That(probes.Sum(p => p.Steps), Is.EqualTo(tune.GetProperty("totalProbeSteps").GetInt32()).And.LessThanOrEqualTo(LrTuneDefaults.Budget * tune.GetProperty("budgetSteps").GetInt32()));

            // Later rounds probe longer; the choice is the last round's lowest held-out loss.
            var stepsByRound = probes.GroupBy(p => p.Round).Select(g => g.Max(p => p.Steps)).ToArray();
            Assert.That(stepsByRound, Is.Ordered.Ascending);
            int last = probes.Max(p => p.Round);
            Assert.That(tune.GetProperty("chosen").GetDouble(), Is.EqualTo(probes.Where(p => p.Round == last).MinBy(p => p.Loss).Rate));
        });
        Assert.That(File.ReadAllText(Path.Combine(output, "lr-find.svg")), Does.Contain("held-out loss after probe, round 0"));
    }

    [Test]
    public void Demo_tune_with_a_single_round_option_runs_the_single_round_step()
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        var run = CliRun.InProcess(["demo", "-o", output, "--num-iterations", "40", "--epochs", "2", "--tune", "--tune-candidates", "3"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Out.Split('\n').Count(l => l.StartsWith("  probe ", StringComparison.Ordinal)), Is.EqualTo(3));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "lr-find.json")));
        var candidates = json.RootElement.GetProperty("tune").GetProperty("candidates").EnumerateArray().ToArray();
        Assert.That(candidates.Select(c => c.GetProperty("round").GetInt32()), Is.All.EqualTo(0));
        Assert.That(candidates.Select(c => c.GetProperty("stepsRun").GetInt32()), Is.All.EqualTo(json.RootElement.GetProperty("tune").GetProperty("probeSteps").GetInt32()));
    }

    [Test]
    public void A_tune_budget_out_of_range_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var run = CliRun.InProcess(["demo", "-o", folder.File("out"), "--tune", "--tune-budget", "0"]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString);
        Assert.That(run.Error, Does.Contain("--tune-budget"));
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
