using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>ML.NET's SentenceSimilarity trainer fits and transforms offline, through the public catalog, and learns.</summary>
public class SentenceSimilaritySmokeTests : NasBertSmokeTest
{
    protected override string ErrorName => "mean squared error";

    protected override IDataView TrainingData(MLContext mlContext) => TestData.DetoxPairs(mlContext, Rows);

    protected override void CheckOutputColumns(DataViewSchema scored)
    {
        Assert.That(scored["Score"].Type, Is.EqualTo(NumberDataViewType.Single));
    }

    protected override ITransformer Fit(MLContext mlContext, IDataView data, int epochs)
    {
        var options = new SentenceSimilarityTrainer.SentenceSimilarityOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = "Sentence1",
            Sentence2ColumnName = "Sentence2",
            BatchSize = 8,
            MaxEpoch = epochs,
            LearningRate = [1e-3],
        };

        return mlContext.Regression.Trainers.SentenceSimilarity(options).Fit(data);
    }

    // The trainer's own loss (squared error of Score against Label), averaged over rows.
    protected override double Error(IDataView scored) =>
        scored.GetColumn<float>("Label").Zip(scored.GetColumn<float>("Score"), (label, score) => (double)(score - label) * (score - label)).Average();
}
