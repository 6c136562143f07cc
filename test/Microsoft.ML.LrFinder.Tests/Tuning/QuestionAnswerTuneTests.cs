using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.Roberta;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// The tuning step on QuestionAnswer (synthetic reading-comprehension rows, random-weight RoBERTa-base): 4 rows to train on in
/// batches of 2 and one epoch, so the real budget is 2 steps and a probe of half of it is 1 step (2 rows); 4 rows held out,
/// scored in the trainer's batches of 2. RoBERTa-base has 124 M parameters (a 496 MB weight file, GBs of memory, five model
/// builds here), so the fixture is in the Large category, as the QuestionAnswer contract is.
/// </summary>
[Category(TestCategories.Large)]
public class QuestionAnswerTuneTests
{
    private const int TorchSeed = 7;
    private const int TrainingRows = 4;
    private const int HeldOutRows = 4;

    private static QATrainer.Options Options(double? learningRate = null) => TestData.QuestionAnswerOptions(learningRate);

    // As the QuestionAnswer contract (Trainers/QuestionAnswer/QuestionAnswerLrFinderTests.cs): 8 iterations over the default range.
    private static LrFinderTrainerOptions SweepAndProbes() => new() { NumberOfIterations = 8, Tune = new LrTuneOptions { CandidateCount = 2, ProbeFraction = 0.5 } };

    [Test]
    public void Tune_scores_each_probe_by_the_trainers_start_and_end_cross_entropy_on_the_held_out_rows()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.Roberta);
        var all = TestData.QuestionAnswers(mlContext, TrainingRows + HeldOutRows);
        var (train, heldOut) = (mlContext.Data.TakeRows(all, TrainingRows), mlContext.Data.SkipRows(all, TrainingRows));

        random.manual_seed(TorchSeed);
        var result = mlContext.LrFinder().Tune(mlContext.MulticlassClassification.Trainers.QuestionAnswer(Options()), train, heldOut, SweepAndProbes());

        SingleRoundTuneAssert.ProbedAndChoseTheLowestLoss(result, budgetSteps: 2, candidates: 2, stepsPerProbe: 1);

        // A probe is the trainer's own fit at the candidate rate on the first 2 rows, from the generator as seeded above (the
        // sweep and each probe put it back); its loss, recomputed here by the trainer's own training loop on the held-out rows.
        var candidate = result.Candidates[0];
        random.manual_seed(TorchSeed).Dispose();
        using var plain = mlContext.MulticlassClassification.Trainers.QuestionAnswer(Options(candidate.LearningRate)).Fit(mlContext.Data.TakeRows(train, 2));
        Assert.That(candidate.ValidationLoss, Is.EqualTo(TrainersOwnLossPerRow(mlContext, plain, heldOut)).Within(1e-4).Percent);
    }

    // The trainer's own training loop over the held-out rows on the fitted model (Trainers/Observation/HeldOutTrainingLoop.cs): one
    // step per batch of 2, each logging (CE(start) + CE(end)) / 2 summed over the batch; their sum per row. The loop runs the
    // model in training mode, and RoBERTa's dropout rates are fixed at 0.1 (RobertaModel builds its encoder with them, whatever
    // the options say), while the held-out loss is the evaluation-mode loss: the fitted model's dropout layers drop nothing here.
    private static double TrainersOwnLossPerRow(MLContext mlContext, QATransformer model, IDataView heldOut)
    {
        var fitted = HeldOutTrainingLoop.ModelOf(model);
        foreach (var (_, module) in fitted.named_modules())
        {
            if (module is Dropout dropout)
            {
                dropout.p = 0;
            }
        }

        var options = Options();
        options.LogEveryNStep = 1;
        var losses = HeldOutTrainingLoop.StepLosses(mlContext, mlContext.MulticlassClassification.Trainers.QuestionAnswer(options), fitted, heldOut);
        Assert.That(losses, Has.Count.EqualTo(HeldOutRows / 2), "one step per held-out batch of 2");
        return losses.Sum() / HeldOutRows;
    }
}
