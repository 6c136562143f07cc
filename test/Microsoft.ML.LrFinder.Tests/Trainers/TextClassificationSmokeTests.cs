using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>ML.NET's TextClassification trainer fits and transforms offline, through the public catalog, and learns.</summary>
public class TextClassificationSmokeTests : NasBertSmokeTest
{
    protected override string ErrorName => "mean cross-entropy";

    protected override IDataView TrainingData(MLContext mlContext) => TestData.DetoxClassification(mlContext, Rows);

    protected override void CheckOutputColumns(DataViewSchema scored)
    {
        Assert.That(scored["PredictedLabel"].Type, Is.TypeOf<KeyDataViewType>().And.Property(nameof(KeyDataViewType.Count)).EqualTo(2UL));
        Assert.That(scored["Score"].Type, Is.TypeOf<VectorDataViewType>().And.Property(nameof(VectorDataViewType.Size)).EqualTo(2));
    }

    protected override ITransformer Fit(MLContext mlContext, IDataView data, int epochs)
    {
        var options = new TextClassificationTrainer.TextClassificationOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = "Sentence",
            BatchSize = 8,
            MaxEpoch = epochs,
            LearningRate = [1e-3],
        };

        return mlContext.MulticlassClassification.Trainers.TextClassification(options).Fit(data);
    }

    // The trainer's own loss (cross-entropy on the logits in Score against key - 1), averaged over rows.
    protected override double Error(IDataView scored)
    {
        var labels = scored.GetColumn<uint>("Label").ToArray();
        var scores = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double max = scores[i].Max();
            double logSumExp = max + Math.Log(scores[i].Sum(s => Math.Exp(s - max)));
            total += logSumExp - scores[i][labels[i] - 1];
        }

        return total / labels.Length;
    }
}
