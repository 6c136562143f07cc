using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>
/// Without its pretrained model on disk, a trainer needs ML.NET's download, which cannot reach the internet here: the finder
/// reports that as <see cref="PretrainedModelUnavailableException"/>, naming the trainer and the file (the CLI catches the type).
/// </summary>
public class PretrainedModelUnavailableTests
{
    private const string DownloadTimeoutVariable = "MICROSOFTML_RESOURCE_TIMEOUT";

    [Test]
    public void A_pretrained_model_that_cannot_be_downloaded_is_a_typed_error_naming_the_file()
    {
        // A temp path of its own with no mlnet/ folder: ML.NET must download NasBert2000000.tsm, and the download fails. ML.NET
        // waits 10 minutes for it by default (measured here: the test took 13 min); MICROSOFTML_RESOURCE_TIMEOUT, ML.NET's own
        // setting, in milliseconds, makes it give up after 2 s. No other test downloads: their weight files are on disk.
        string folder = Directory.CreateTempSubdirectory("lrfinder-no-pretrained-").FullName;
        string? timeout = Environment.GetEnvironmentVariable(DownloadTimeoutVariable);
        Environment.SetEnvironmentVariable(DownloadTimeoutVariable, "2000");
        try
        {
            var mlContext = new MLContext(seed: 1) { TempFilePath = folder };
            var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(new TextClassificationTrainer.TextClassificationOptions
            {
                LabelColumnName = "Label",
                Sentence1ColumnName = "Sentence",
                BatchSize = 4,
                MaxEpoch = 1,
            });

            var error = Assert.Throws<PretrainedModelUnavailableException>(
                () => mlContext.LrFinder().Find(trainer, TestData.DetoxClassification(mlContext, 8), new LrFinderTrainerOptions { NumberOfIterations = 2 }));

            Assert.Multiple(() =>
            {
                Assert.That(error!.Trainer, Is.EqualTo(TorchSharpTrainerKind.TextClassification));
                Assert.That(error.FileName, Is.EqualTo("NasBert2000000.tsm"));
                Assert.That(error.Message, Does.Contain("NasBert2000000.tsm").And.Contain("WriteRandomWeights"));
                Assert.That(error.InnerException, Is.InstanceOf<InvalidOperationException>(), "ML.NET's own error is kept");
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable(DownloadTimeoutVariable, timeout);
            Directory.Delete(folder, recursive: true);
        }
    }
}
