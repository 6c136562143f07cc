namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>The offline weight files are where ML.NET looks, generated once per run, and deterministic.</summary>
public class PretrainedWeightsTests
{
    [TestCase(PretrainedModel.NasBert, 17_000_000L)]
    [TestCase(PretrainedModel.NerNasBert, 50_000_000L)]
    [TestCase(PretrainedModel.AutoFormer, 70_000_000L)]
    [TestCase(PretrainedModel.Roberta, 490_000_000L, Category = TestCategories.Large)]
    public void File_is_generated_once_under_the_run_folder(PretrainedModel model, long minimumBytes)
    {
        var first = PretrainedWeights.Ensure(model);
        var second = PretrainedWeights.Ensure(model);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first), "generated once per run");
            Assert.That(first.FilePath, Does.StartWith(TestRunFolder.Path));
            Assert.That(Path.GetDirectoryName(first.FilePath), Is.EqualTo(Path.Combine(TestRunFolder.Path, "mlnet")));
            // Sizes from docs/architecture.md ("Facts the hook relies on") (float32 parameters + names): NasBert 17.9 MB, NER 54.8 MB, AutoFormer 77.5 MB,
            // RoBERTa 496 MB.
            Assert.That(first.Bytes, Is.GreaterThan(minimumBytes));
        });
    }
}
