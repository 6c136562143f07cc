using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>A trainer sweep reports its progress to the <c>progress</c> of <c>mlContext.LrFinder().Find</c>, once per batch.</summary>
public class TrainerSweepProgressTests
{
    [Test]
    public void A_text_classification_sweep_reports_every_batch_in_order()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var data = TestData.DetoxClassification(mlContext, 16);
        var options = new TextClassificationTrainer.TextClassificationOptions { LabelColumnName = "Label", Sentence1ColumnName = "Sentence", BatchSize = 4, MaxEpoch = 1 };
        var reports = new List<LrFinderProgress>();
        var progress = new SynchronousProgress<LrFinderProgress>(reports.Add);

        var result = mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.TextClassification(options), data, new LrFinderTrainerOptions { NumberOfIterations = 6, StopOnDivergence = false }, progress);

        Assert.That(reports.Select(r => r.Iteration), Is.EqualTo(Enumerable.Range(0, 6)));
        Assert.Multiple(() =>
        {
            Assert.That(reports, Is.All.Matches<LrFinderProgress>(r => r.TotalIterations == 6));
            Assert.That(reports.Select(r => r.LearningRate), Is.EqualTo(result.Curve.Points.Select(p => p.LearningRate)));
            Assert.That(reports.Select(r => r.SmoothedLoss), Is.EqualTo(result.Curve.Points.Select(p => p.SmoothedLoss)));
            Assert.That(reports.Select(r => r.Elapsed), Is.Ordered);
        });
    }
}
