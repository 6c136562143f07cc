using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>ML.NET's NamedEntityRecognition trainer fits and transforms offline, through the public catalog, and learns.</summary>
public class NamedEntityRecognitionSmokeTests : NasBertSmokeTest
{
    protected override string ErrorName => "word error rate";

    protected override PretrainedModel Weights => PretrainedModel.NerNasBert;

    protected override string FormatError(double error) => FormattableString.Invariant($"{error:P1}");

    protected override IDataView TrainingData(MLContext mlContext) => TestData.EntitySentences(mlContext, Rows, seed: 3);

    protected override void CheckOutputColumns(DataViewSchema scored)
    {
        var predicted = scored["PredictedLabel"].Type as VectorDataViewType;
        Assert.That(predicted, Is.Not.Null);
        Assert.That(predicted!.ItemType, Is.TypeOf<KeyDataViewType>().And.Property(nameof(KeyDataViewType.Count)).EqualTo(3UL));
    }

    protected override ITransformer Fit(MLContext mlContext, IDataView data, int epochs)
    {
        var options = new NerTrainer.NerOptions
        {
            LabelColumnName = "Label",
            Sentence1ColumnName = "Sentence",
            BatchSize = 8,
            MaxEpoch = epochs,
            LearningRate = [1e-3],
        };

        return mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(options).Fit(data);
    }

    // The trainer exposes no scores, only one predicted tag per word: count the words tagged wrongly. NerTransformer 0.23.1
    // reads its per-word tags one model position early (CondenseOutput takes position 0, the start token, for the first word and
    // the position of word k's first token, which holds word k-1's last token, for word k), so tag k+1 is the model's tag for
    // word k and the last word's tag is not output. Compare in that frame: it is what the model learned.
    protected override double Error(IDataView scored)
    {
        var labels = scored.GetColumn<VBuffer<uint>>("Label").Select(v => v.DenseValues().ToArray()).ToArray();
        var predictions = scored.GetColumn<VBuffer<uint>>("PredictedLabel").Select(v => v.DenseValues().ToArray()).ToArray();
        int words = 0, wrong = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int w = 0; w + 1 < labels[i].Length; w++)
            {
                words++;
                wrong += w + 1 < predictions[i].Length && predictions[i][w + 1] == labels[i][w] ? 0 : 1;
            }
        }

        return (double)wrong / words;
    }
}
