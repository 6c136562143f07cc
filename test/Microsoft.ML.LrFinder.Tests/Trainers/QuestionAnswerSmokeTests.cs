using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>
/// ML.NET's QuestionAnswer trainer fits and transforms offline, through the public catalog, and learns. It loads a 124 M-parameter
/// RoBERTa encoder (a 496 MB weight file, several GB of memory in training), so it is in the Large category.
/// </summary>
[Category(TestCategories.Large)]
public class QuestionAnswerSmokeTests
{
    private const int Rows = 4;
    private const int Epochs = 3;

    [Test]
    public void Fits_offline_and_the_logged_training_loss_decreases_over_epochs()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.Roberta);
        var data = TestData.QuestionAnswers(mlContext, Rows);
        var options = new QATrainer.Options
        {
            ContextColumnName = "Context",
            QuestionColumnName = "Question",
            TrainingAnswerColumnName = "TrainingAnswer",
            AnswerIndexStartColumnName = "AnswerStart",
            BatchSize = 2,
            MaxEpoch = Epochs,
            LearningRate = [1e-5],
            LogEveryNStep = 1,
        };

        using var log = new LossLog(mlContext);
        random.manual_seed(7);
        var scored = mlContext.MulticlassClassification.Trainers.QuestionAnswer(options).Fit(data).Transform(data);

        var losses = log.Losses;
        int perEpoch = losses.Count / Epochs;
        double firstEpoch = losses.Take(perEpoch).Average();
        double lastEpoch = losses.Skip(perEpoch * (Epochs - 1)).Average();
        Assert.Multiple(() =>
        {
            Assert.That(losses, Has.Count.EqualTo(Rows / 2 * Epochs));
            Assert.That(scored.Schema["Answer"].Type, Is.TypeOf<VectorDataViewType>());
            Assert.That(scored.Schema["Score"].Type, Is.TypeOf<VectorDataViewType>());
            Assert.That(scored.GetColumn<VBuffer<ReadOnlyMemory<char>>>("Answer").Count(), Is.EqualTo(Rows));
            Assert.That(lastEpoch, Is.LessThan(firstEpoch));
        });
        TestContext.Out.WriteLine(FormattableString.Invariant($"mean loss, epoch 1: {firstEpoch:F4}, epoch {Epochs}: {lastEpoch:F4}"));
    }
}
