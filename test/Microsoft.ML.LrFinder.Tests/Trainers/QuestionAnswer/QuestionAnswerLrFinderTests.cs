using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.QuestionAnswer;

/// <summary>
/// The LR finder on ML.NET's QuestionAnswer trainer (synthetic reading-comprehension rows). RoBERTa-base has 124 M parameters
/// (a 496 MB weight file, several GB of memory while training), so the fixture is in the Large category.
/// </summary>
[Category(TestCategories.Large)]
public class QuestionAnswerLrFinderTests : TrainerLrFinderContract<QATransformer, QATrainer.Options>
{
    private const int Rows = 4;

    protected override PretrainedModel Weights => PretrainedModel.Roberta;

    protected override int Iterations => 8;

    // ML.NET trains it with TorchSharp's OneCycleLR at this peak.
    protected override LrTrainingSchedule TrainersSchedule => LrTrainingSchedule.OneCycle;

    protected override IReadOnlyList<string> OutputColumns => ["Answer", "Score"];

    protected override QATrainer.Options CreateOptions(double? learningRate = null) => TestData.QuestionAnswerOptions(learningRate);

    protected override double LearningRateOf(QATrainer.Options options) => options.LearningRate[0];

    protected override object[] Snapshot(QATrainer.Options options) =>
        [options.LearningRate, string.Join(",", options.LearningRate), options.BatchSize, options.MaxEpoch, options.LogEveryNStep];

    protected override IEstimator<QATransformer> CreateTrainer(MLContext mlContext, QATrainer.Options options) =>
        mlContext.MulticlassClassification.Trainers.QuestionAnswer(options);

    protected override IDataView TrainingData(MLContext mlContext) => TestData.QuestionAnswers(mlContext, Rows);

    protected override float[] Predictions(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();

    protected override IReadOnlyList<double> FitSchedule(QATrainer.Options options, double learningRate, long rows) =>
        OneCycleSchedule.Rates(
            learningRate, rows, options.BatchSize, options.MaxEpoch, options.WarmupRatio, options.StartLearningRateRatio, options.FinalLearningRateRatio,
            steps: (int)((rows + options.BatchSize - 1) / options.BatchSize) * options.MaxEpoch);

    // (CE_sum(start) + CE_sum(end)) / 2 over the head's [batch, tokens, 2] (QATrainer.Trainer.TrainStep).
    protected override Func<Tensor, Tensor, double>? HeadLoss => (logits, gradient) =>
    {
        using var scope = NewDisposeScope();
        return TrainerLoss.CrossEntropySum(logits.select(-1, 0), gradient.select(-1, 0), scale: 0.5)
            + TrainerLoss.CrossEntropySum(logits.select(-1, 1), gradient.select(-1, 1), scale: 0.5);
    };

    protected override IEnumerable<(string Case, Func<MLContext, IDataView> Data, string MessageNames)> BadInputs()
    {
        yield return ("missing context column", ml => ml.Transforms.DropColumns("Context").Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'Context'");
        yield return ("answer start not an int", ml => ml.Transforms.Conversion.ConvertType("AnswerStart", outputKind: DataKind.Single).Fit(TrainingData(ml)).Transform(TrainingData(ml)), "'AnswerStart'");
        yield return ("fewer rows than a batch", ml => ml.Data.TakeRows(TrainingData(ml), 1), "BatchSize = 2");
    }
}
