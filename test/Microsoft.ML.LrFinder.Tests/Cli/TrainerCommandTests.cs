using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary>
/// The trainer subcommands on real text (TestData/wikipedia-detox-short-64.tsv, CC0; see TestData/README.md) with a
/// random-weight encoder (<c>--random-init</c>, the only way offline without a weights file) and a short sweep.
/// </summary>
public class TrainerCommandTests
{
    private static string Detox => Path.Combine(AppContext.BaseDirectory, "TestData", "wikipedia-detox-short-64.tsv");

    [Test]
    public void Text_classification_sweeps_a_numeric_label_and_writes_the_four_files()
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        var run = CliRun.InProcess(
            "text-classification", "--dataset", Detox, "--label-col", "Sentiment", "--text-col", "SentimentText",
            "--random-init", "--num-iterations", "12", "--batch-size", "8", "-o", output);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.Multiple(() =>
        {
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), "one warning line for --random-init");
            Assert.That(run.Error, Does.Contain("random weights").And.Contain("not").And.Contain("real training"));
            Assert.That(run.Out, Does.Contain("label 'Sentiment'").And.Contain("text 'SentimentText'"));
            Assert.That(run.Out, Does.Contain("suggested LR"));
            Assert.That(folder.Entries(), Is.EqualTo(new[] { "out", "out/lr-find.csv", "out/lr-find.json", "out/lr-find.png", "out/lr-find.svg" }));
        });
    }

    [Test]
    public void A_dataset_column_that_does_not_exist_is_bad_input()
    {
        using var folder = new TempFolder();
        var run = CliRun.InProcess(
            "text-classification", "--dataset", Detox, "--label-col", "Sentiment", "--text-col", "Comment", "--random-init", "-o", folder.File("out"));
        BadInputTests.AssertBadInput(run, "--text-col 'Comment'", "no such column", "'SentimentText'");
        Assert.That(folder.Entries(), Is.Empty);
    }

    [Test]
    public void A_missing_label_column_is_bad_input()
    {
        using var folder = new TempFolder();
        var run = CliRun.InProcess("text-classification", "--dataset", Detox, "--text-col", "SentimentText", "--random-init", "-o", folder.File("out"));
        BadInputTests.AssertBadInput(run, "--label-col 'Label'", "no such column");
    }

    [Test]
    public void A_missing_dataset_is_bad_input()
    {
        using var folder = new TempFolder();
        var run = CliRun.InProcess("ner", "--dataset", folder.File("none.tsv"), "--text-col", "Sentence", "--random-init", "-o", folder.File("out"));
        BadInputTests.AssertBadInput(run, "--dataset", "does not exist");
    }

    [Test]
    public void Weights_and_random_init_together_are_bad_input()
    {
        var run = CliRun.InProcess("sentence-similarity", "--dataset", Detox, "--sentence1-col", "a", "--sentence2-col", "b", "--weights", "w.tsm", "--random-init");
        BadInputTests.AssertBadInput(run, "--weights and --random-init");
    }

    [Test]
    public void A_missing_weights_file_is_bad_input()
    {
        using var folder = new TempFolder();
        var run = CliRun.InProcess(
            "text-classification", "--dataset", Detox, "--label-col", "Sentiment", "--text-col", "SentimentText",
            "--weights", folder.File("NasBert2000000.tsm"), "-o", folder.File("out"));
        BadInputTests.AssertBadInput(run, "--weights", "does not exist");
    }

    [TestCase("text-classification", "--text-col")]
    [TestCase("sentence-similarity", "--sentence1-col")]
    [TestCase("ner", "--text-col")]
    [TestCase("question-answering", "--context-col")]
    [TestCase("object-detection", "--image-col")]
    public void Every_trainer_command_has_help_with_mlnets_option_names(string command, string columnOption)
    {
        var run = CliRun.InProcess(command, "--help");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Out, Does.Contain("--dataset").And.Contain("--validation-dataset").And.Contain("--has-header")
            .And.Contain(columnOption).And.Contain("--output").And.Contain("--start-lr").And.Contain("--train")
            .And.Contain("--weights").And.Contain("--random-init"));
    }
}
