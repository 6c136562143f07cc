using System.Reflection;
using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Trainers.NasBert;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// The tuning step on NamedEntityRecognition (synthetic tagged sentences, random-weight NER encoder): 16 rows to train on, 8
/// held out, batch 4 and one epoch, so the real budget is 4 steps and a probe of half of it is 2 steps (8 rows). The trainer's
/// transformer has no scores, so a probe is scored by the trainer's own per-token cross-entropy on the held-out rows.
/// </summary>
public class NamedEntityRecognitionTuneTests
{
    private const int TorchSeed = 7;

    private static NerTrainer.NerOptions Options(double? learningRate = null)
    {
        var options = new NerTrainer.NerOptions { LabelColumnName = "Label", Sentence1ColumnName = "Sentence", BatchSize = 4, MaxEpoch = 1 };
        if (learningRate is { } lr)
        {
            options.LearningRate = [lr];
        }

        return options;
    }

    private static LrFinderTrainerOptions SweepAndProbes() => new() { NumberOfIterations = 20, Tune = new LrTuneOptions { CandidateCount = 2, ProbeFraction = 0.5 } };

    private static MLContext CreateContext() => PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NerNasBert);

    // One set of sentences split in two, so that both halves have the same tag keys.
    private static (IDataView Train, IDataView Validation) Data(MLContext mlContext)
    {
        var all = TestData.EntitySentences(mlContext, 24, seed: 3);
        return (mlContext.Data.TakeRows(all, 16), mlContext.Data.SkipRows(all, 16));
    }

    [Test]
    public void Tune_scores_each_probe_by_the_trainers_per_token_cross_entropy_on_the_held_out_rows()
    {
        var mlContext = CreateContext();
        var (train, validation) = Data(mlContext);

        random.manual_seed(TorchSeed);
        var result = mlContext.LrFinder().Tune(mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(Options()), train, validation, SweepAndProbes());

        SingleRoundTuneAssert.ProbedAndChoseTheLowestLoss(result, budgetSteps: 4, candidates: 2, stepsPerProbe: 2);

        // A probe is the trainer's own fit at the candidate rate on the first 8 rows, from the generator as seeded above (the
        // sweep and each probe put it back); its loss, recomputed here from the fitted model's head: the summed cross-entropy
        // of each held-out row's tokens against their tags, over all token positions.
        var candidate = result.Candidates[0];
        random.manual_seed(TorchSeed).Dispose();
        var plain = mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(Options(candidate.LearningRate)).Fit(mlContext.Data.TakeRows(train, 8));
        Assert.That(candidate.ValidationLoss, Is.EqualTo(MeanTokenCrossEntropy(plain, validation)).Within(1e-4).Percent);
    }

    [Test]
    public void WithLrFinder_tunes_NamedEntityRecognition_and_fits_at_the_chosen_rate()
    {
        var mlContext = CreateContext();
        var (train, _) = Data(mlContext);
        var finder = mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(Options()).WithLrFinder(SweepAndProbes());
        using var log = new LogRecorder(mlContext);

        random.manual_seed(TorchSeed);
        var model = finder.Fit(train);

        Assert.Multiple(() =>
        {
            Assert.That(finder.LastTuneResult, Is.Not.Null);
            Assert.That(finder.LastTuneResult!.Candidates, Has.Count.EqualTo(2));
            Assert.That(finder.LastLearningRate, Is.EqualTo(finder.LastTuneResult.ChosenLearningRate));
            Assert.That(log.Lines("LrFinder: NamedEntityRecognition probe "), Has.Count.EqualTo(2));
            Assert.That(model.Transform(train).Schema.GetColumnOrNull("PredictedLabel"), Is.Not.Null);
        });
    }

    // The tests' own reading: the transformer's model (field Model, Microsoft.ML.TorchSharp 0.23.1), a forward hook on its head's
    // final layer while the transformer predicts the rows (one pass per row, in order), and torch's cross-entropy against each
    // row's per-token tags.
    private static double MeanTokenCrossEntropy(TorchSharpBaseTransformer model, IDataView validation)
    {
        var module = (nn.Module)typeof(TorchSharpBaseTransformer<VBuffer<uint>, VBuffer<long>>)
            .GetField("Model", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(model)!;
        var head = (nn.Module<Tensor, Tensor>)module.named_modules().Single(m => m.name.EndsWith("Classifier.dense", StringComparison.Ordinal)).module;
        var tokenizer = TrainerTokenizer.Shared;
        var sentences = validation.GetColumn<string>("Sentence").ToArray();
        var tags = validation.GetColumn<VBuffer<uint>>("Label").Select(v => v.DenseValues().ToArray()).ToArray();

        double total = 0;
        long positions = 0;
        int row = 0;
        var hook = head.register_forward_hook((_, _, logits) =>
        {
            using var scope = NewDisposeScope();
            var targets = TokenClassificationBatchLoss.TokenTargets(tokenizer, sentences[row], tags[row]);
            var target = tensor(targets.Take((int)logits.shape[1]).Concat(Enumerable.Repeat(0L, Math.Max(0, (int)logits.shape[1] - targets.Length))).ToArray());
            total += nn.functional.cross_entropy(logits[0], target, reduction: nn.Reduction.Sum).item<float>();
            positions += logits.shape[1];
            row++;
            return logits;
        });
        try
        {
            _ = model.Transform(validation).GetColumn<VBuffer<uint>>("PredictedLabel").ToArray();
        }
        finally
        {
            hook.remove();
        }

        Assert.That(row, Is.EqualTo(sentences.Length), "one forward pass per held-out row");
        return total / positions;
    }
}
