using Microsoft.ML.LrFinder.Tests.Cli;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests;

/// <summary><c>mlContext.LrFinder().WriteRandomWeights</c>: trial weights a trainer loads in place of its download.</summary>
public class RandomWeightsTests
{
    [Test]
    public void The_file_lands_where_the_trainer_looks_and_the_trainer_fits_with_it()
    {
        using var folder = new TempFolder();
        var mlContext = new MLContext(seed: 1) { TempFilePath = folder.Path };
        using var before = random.get_rng_state();

        string path = mlContext.LrFinder().WriteRandomWeights(TorchSharpTrainerKind.TextClassification, seed: 5);

        Assert.That(path, Is.EqualTo(Path.Combine(folder.Path, "mlnet", "NasBert2000000.tsm")));
        Assert.That(new FileInfo(path).Length, Is.InRange(17_000_000, 19_000_000), "the NAS-BERT encoder: 4.5 M parameters, 17.9 MB");
        using (var after = random.get_rng_state())
        {
            Assert.That(after.data<byte>().ToArray(), Is.EqualTo(before.data<byte>().ToArray()), "torch's generator is left as it was");
        }

        // The trainer loads the file with strict: true: a fit that gets past model creation proves the architecture matches.
        var data = Fixtures.TestData.DetoxClassification(mlContext, 8);
        var options = new TextClassificationTrainer.TextClassificationOptions { LabelColumnName = "Label", Sentence1ColumnName = "Sentence", BatchSize = 4, MaxEpoch = 1 };
        Assert.That(() => mlContext.MulticlassClassification.Trainers.TextClassification(options).Fit(data), Throws.Nothing);
    }

    [Test]
    public void The_same_seed_writes_the_same_file()
    {
        using var folder = new TempFolder();
        string first = new MLContext { TempFilePath = folder.File("a") }.LrFinder().WriteRandomWeights(TorchSharpTrainerKind.SentenceSimilarity, seed: 3);
        string second = new MLContext { TempFilePath = folder.File("b") }.LrFinder().WriteRandomWeights(TorchSharpTrainerKind.TextClassification, seed: 3);
        Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)), "TextClassification and SentenceSimilarity share NasBert2000000.tsm");
    }

    [Test]
    public void The_system_temp_folder_is_refused()
    {
        var mlContext = new MLContext { TempFilePath = Path.GetTempPath() };
        Assert.That(
            () => mlContext.LrFinder().WriteRandomWeights(TorchSharpTrainerKind.TextClassification),
            Throws.InvalidOperationException.With.Message.Contains("TempFilePath"));
    }

    [Test]
    public void An_existing_file_is_never_overwritten()
    {
        using var folder = new TempFolder();
        string existing = Path.Combine(folder.Path, "mlnet", "autoformer_11m_torchsharp.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(existing)!);
        File.WriteAllText(existing, "the real download");
        var mlContext = new MLContext { TempFilePath = folder.Path };
        Assert.That(() => mlContext.LrFinder().WriteRandomWeights(TorchSharpTrainerKind.ObjectDetection), Throws.InstanceOf<IOException>());
        Assert.That(File.ReadAllText(existing), Is.EqualTo("the real download"));
    }

    [Test]
    public void An_unknown_trainer_is_out_of_range()
    {
        using var folder = new TempFolder();
        Assert.That(
            () => new MLContext { TempFilePath = folder.Path }.LrFinder().WriteRandomWeights((TorchSharpTrainerKind)42),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("trainer"));
    }
}
