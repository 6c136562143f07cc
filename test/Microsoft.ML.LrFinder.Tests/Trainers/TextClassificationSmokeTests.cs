using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>ML.NET's TextClassification trainer fits and transforms offline, through the public catalog, and learns.</summary>
public class TextClassificationSmokeTests
{
    private const int Rows = 32;

    [Test]
    public void Fits_offline_and_the_training_loss_decreases_with_epochs()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var data = TestData.DetoxClassification(mlContext, Rows);

        double lossAfterOneEpoch = TrainingLoss(Fit(mlContext, data, epochs: 1).Transform(data));
        var model = Fit(mlContext, data, epochs: 4);
        var scored = model.Transform(data);
        double lossAfterFourEpochs = TrainingLoss(scored);

        var predicted = scored.Schema["PredictedLabel"];
        var score = scored.Schema["Score"];
        Assert.Multiple(() =>
        {
            Assert.That(predicted.Type, Is.TypeOf<KeyDataViewType>().And.Property(nameof(KeyDataViewType.Count)).EqualTo(2UL));
            Assert.That(score.Type, Is.TypeOf<VectorDataViewType>().And.Property(nameof(VectorDataViewType.Size)).EqualTo(2));
            Assert.That(lossAfterFourEpochs, Is.LessThan(lossAfterOneEpoch));
        });
        TestContext.Out.WriteLine(FormattableString.Invariant($"mean cross-entropy after 1 epoch {lossAfterOneEpoch:F4}, after 4 epochs {lossAfterFourEpochs:F4}"));
    }

    private static ITransformer Fit(MLContext mlContext, IDataView data, int epochs)
    {
        var options = new TextClassificationTrainer.TextClassificationOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = "Sentence",
            BatchSize = 8,
            MaxEpoch = epochs,
            LearningRate = [1e-3],
        };

        // MLContext does not seed torch before the head is initialised (docs/architecture.md); seed so both fits start from one model.
        random.manual_seed(7);
        return mlContext.MulticlassClassification.Trainers.TextClassification(options).Fit(data);
    }

    // The trainer's own loss (cross-entropy on the logits in Score against key - 1), averaged over rows.
    private static double TrainingLoss(IDataView scored)
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
