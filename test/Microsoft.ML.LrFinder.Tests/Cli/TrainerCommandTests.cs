using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary>
/// The trainer subcommands on small real data (TestData/, see TestData/README.md for sources and licences) with a
/// random-weight encoder (<c>--random-init</c>, the only way offline without a weights file) and a short sweep. Question
/// answering has no happy-path test: its random RoBERTa encoder is ~500 MB and a sweep peaks at 6.4 GB (docs/architecture.md).
/// </summary>
public class TrainerCommandTests
{
    private static string Detox => Path.Combine(AppContext.BaseDirectory, "TestData", "wikipedia-detox-short-64.tsv");

    [Test]
    public void Text_classification_sweeps_a_numeric_label_trains_and_saves_the_model()
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        var run = CliRun.InProcess(
            "text-classification", "--dataset", Detox, "--label-col", "Sentiment", "--text-col", "SentimentText",
            "--random-init", "--num-iterations", "12", "--batch-size", "8", "-o", output, "--train", "--max-epochs", "1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.Multiple(() =>
        {
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), "one warning line for --random-init");
            Assert.That(run.Error, Does.Contain("random weights").And.Contain("not").And.Contain("real training"));
            Assert.That(run.Out, Does.Contain("label 'Sentiment'").And.Contain("text 'SentimentText'"));
            Assert.That(run.Out, Does.Contain("suggested LR"));
            Assert.That(run.Out, Does.Contain("Training text-classification for 1 epochs at learning rate"));

            // Redirected output: the sweep's progress as plain lines (12 iterations: every one), then the fit's, per epoch.
            Assert.That(run.Out, Does.Match(@"(?m)^sweep   1/12  lr 1e-7  smoothed loss [0-9.]+  elapsed \d+:\d\d  ETA \d+:\d\d$"));
            Assert.That(run.Out, Does.Match(@"(?m)^train  1/1  lr [0-9.e+-]+  elapsed \d+:\d\d  ETA 0:00$"));
            Assert.That(folder.Entries(), Is.EqualTo(new[] { "out", "out/lr-find.csv", "out/lr-find.json", "out/lr-find.png", "out/lr-find.svg", "out/model.zip" }));
        });

        // The saved model starts from the raw text columns: the label mapping is part of it.
        var mlContext = new MLContext(1);
        var model = mlContext.Model.Load(Path.Combine(output, "model.zip"), out var inputSchema);
        Assert.That(inputSchema.Select(c => c.Name), Is.EqualTo(new[] { "Sentiment", "SentimentText", "LoggedIn" }));
        Assert.That(model, Is.Not.Null);
    }

    [Test]
    public void Sentence_similarity_on_pairs_of_comments()
    {
        // Pairs of consecutive detox comments scored by the share of toxic ones (0, 0.5, 1): a target the text determines.
        using var folder = new TempFolder();
        var comments = File.ReadAllLines(Detox).Skip(1).Select(l => l.Split('\t')).Take(24).ToArray();
        string pairs = folder.Write(
            "pairs.tsv",
            ["First\tSecond\tScore", .. comments.Zip(comments.Skip(1), (a, b) =>
                $"{a[1].Trim()}\t{b[1].Trim()}\t{((a[0] == "1" ? 1 : 0) + (b[0] == "1" ? 1 : 0)) / 2.0:0.0}")]);
        var run = CliRun.InProcess(
            "sentence-similarity", "--dataset", pairs, "--sentence1-col", "First", "--sentence2-col", "Second", "--label-col", "Score",
            "--random-init", "--num-iterations", "8", "--batch-size", "8", "-o", folder.File("out"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(File.Exists(folder.File("out/lr-find.json")), Is.True);
    }

    [Test]
    public void Ner_on_space_separated_tags()
    {
        using var folder = new TempFolder();
        string[] rows =
        [
            "Alice met Bob in Paris\tPER O PER O LOC",
            "Carol lives in London\tPER O O LOC",
            "yesterday Dave flew to Tokyo\tO PER O O LOC",
            "the train from Berlin to Oslo was late\tO O O LOC O LOC O O",
        ];
        string data = folder.Write("ner.tsv", ["Sentence\tTags", .. Enumerable.Repeat(rows, 4).SelectMany(r => r)]);
        var run = CliRun.InProcess(
            "ner", "--dataset", data, "--text-col", "Sentence", "--label-col", "Tags",
            "--random-init", "--num-iterations", "8", "--batch-size", "4", "-o", folder.File("out"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(File.Exists(folder.File("out/lr-find.json")), Is.True);
    }

    [Test]
    public void Object_detection_on_a_headerless_file_by_column_index()
    {
        // TestData/object-detection: four fruit photos (dotnet/machinelearning test data, MIT), no header: image, labels, boxes.
        using var folder = new TempFolder();
        string data = Path.Combine(AppContext.BaseDirectory, "TestData", "object-detection", "fruit-detection-four.tsv");
        // As a process, so that standard error includes what libtorch itself writes there.
        var run = CliRun.Finish(CliRun.Start(
            "object-detection", "--dataset", data, "--has-header", "false", "--image-col", "0", "--label-col", "1", "--box-col", "2",
            "--random-init", "--num-iterations", "6", "-o", folder.File("out")));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Out, Does.Contain("image 'col0'").And.Contain("labels 'col1'"));
        Assert.That(run.Out, Does.Match(@"(?m)^sweep  [1-6]/6  lr [0-9.e+-]+  smoothed loss [0-9.]+  elapsed"), "a progress line per iteration, with the count");

        // libtorch's NNPACK warning (one line per convolution on this CPU) is switched off: standard error has only the tool's warning.
        Assert.That(run.Error, Does.Not.Contain("NNPACK"));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString);
        Assert.That(File.Exists(folder.File("out/lr-find.json")), Is.True);
    }

    [Test]
    public void Weights_file_is_used_instead_of_the_download()
    {
        // Stands in for a downloaded NasBert2000000.tsm: the same architecture, written by the library call --random-init uses.
        using var folder = new TempFolder();
        string weights = new MLContext { TempFilePath = folder.File("elsewhere") }.LrFinder().WriteRandomWeights(TorchSharpTrainerKind.TextClassification, seed: 3);
        var run = CliRun.InProcess(
            "text-classification", "--dataset", Detox, "--label-col", "Sentiment", "--text-col", "SentimentText",
            "--weights", weights, "--num-iterations", "6", "--batch-size", "8", "-o", folder.File("out"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Error, Is.Empty, "no --random-init warning");
        Assert.That(File.Exists(folder.File("out/lr-find.json")), Is.True);
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
    public void A_missing_image_is_bad_input_before_any_training()
    {
        using var folder = new TempFolder();
        string data = folder.Write("boxes.tsv", "ImagePath\tLabels\tBox", "gone.png\tapple\t1,2,3,4");
        var run = CliRun.InProcess("object-detection", "--dataset", data, "--random-init", "-o", folder.File("out"));
        BadInputTests.AssertBadInput(run, "row 1: image 'gone.png' does not exist");
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
    public void Every_trainer_command_has_help_with_mlnets_option_names_and_tune(string command, string columnOption)
    {
        var run = CliRun.InProcess(command, "--help");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Out, Does.Contain("--dataset").And.Contain("--validation-dataset").And.Contain("--has-header")
            .And.Contain(columnOption).And.Contain("--output").And.Contain("--start-lr").And.Contain("--train")
            .And.Contain("--weights").And.Contain("--random-init").And.Contain("--tune").And.Contain("--tune-candidates"));
    }
}
