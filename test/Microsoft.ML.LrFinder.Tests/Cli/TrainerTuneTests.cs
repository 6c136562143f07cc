using System.Text.Json;
using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary><c>lrfind text-classification --tune</c> on the detox slice with a random-weight encoder: probes, table, JSON.</summary>
public class TrainerTuneTests
{
    private static string Detox => Path.Combine(AppContext.BaseDirectory, "TestData", "wikipedia-detox-short-64.tsv");

    [Test]
    public void Text_classification_tune_scores_the_probes_on_the_validation_dataset()
    {
        // 64 rows in batches of 16, one epoch: a 4-step budget; a quarter of it is one step per probe.
        using var folder = new TempFolder();
        string output = folder.File("out");
        var run = CliRun.InProcess(
            "text-classification", "--dataset", Detox, "--validation-dataset", Detox, "--label-col", "Sentiment", "--text-col", "SentimentText",
            "--random-init", "--num-iterations", "8", "--batch-size", "16", "--max-epochs", "1", "--tune", "--probe-fraction", "0.25", "-o", output);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.Multiple(() =>
        {
            Assert.That(run.Out, Does.Contain("probes scored on " + Detox));
            Assert.That(run.Out.Split('\n').Count(l => l.StartsWith("  probe ", StringComparison.Ordinal)), Is.EqualTo(LrTuneDefaults.CandidateCount));
            Assert.That(run.Out, Does.Contain("Tuned:"));
        });

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "lr-find.json")));
        var tune = json.RootElement.GetProperty("tune");
        Assert.That(tune.GetProperty("budgetSteps").GetInt32(), Is.EqualTo(4));
        Assert.That(tune.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("stepsRun").GetInt32()), Is.All.EqualTo(1));
    }
}
