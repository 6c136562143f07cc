using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// With a seed, repeated sweeps give identical curves and suggestions, dropout included, for the generic finder and for an
/// ML.NET trainer (docs/reliability.md says what is and is not deterministic).
/// </summary>
[NonParallelizable]
public class DeterminismTests
{
    [Test]
    public void Repeated_seeded_sweeps_of_one_model_give_identical_curves_and_suggestions()
    {
        using var setup = new SmallClassifier(seed: 5);
        var first = setup.Sweep();
        for (int repeat = 1; repeat < 5; repeat++)
        {
            // Random numbers drawn between sweeps move torch's generator; the seed puts it back for the sweep.
            rand(10 * repeat).Dispose();
            ConcurrencyTests.AssertSameResult(setup.Sweep(), first, $"repeat {repeat}");
        }
    }

    [Test]
    public void Separately_built_identical_setups_give_identical_curves_and_suggestions()
    {
        LrFinderResult first;
        using (var setup = new SmallClassifier(seed: 6))
        {
            first = setup.Sweep();
        }

        using var again = new SmallClassifier(seed: 6);
        ConcurrencyTests.AssertSameResult(again.Sweep(), first, "second setup");
    }

    [Test]
    public void A_seeded_TextClassification_sweep_gives_identical_results_in_the_same_and_in_a_new_context_with_the_same_seed()
    {
        // Two seeds decide a trainer's curve: LrFinderOptions.Seed seeds torch before the trainer builds its model (MLContext
        // does not, docs/architecture.md), so it fixes the head's initial weights; the trainer's own Train seeds torch with the
        // MLContext's seed at the start of every pass, so that one fixes dropout. Same both: same curve.
        var options = new TextClassificationTrainer.TextClassificationOptions { LabelColumnName = "Label", Sentence1ColumnName = "Sentence", BatchSize = 4, MaxEpoch = 1 };
        var sweep = new LrFinderTrainerOptions { StartLearningRate = 1e-6, EndLearningRate = 1e-3, NumberOfIterations = 6, Seed = 3 };
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var data = TestData.DetoxClassification(mlContext, 16);

        var first = mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.TextClassification(options), data, sweep);
        rand(10).Dispose();
        var again = mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.TextClassification(options), data, sweep);
        var fresh = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var inNewContext = fresh.LrFinder().Find(fresh.MulticlassClassification.Trainers.TextClassification(options), TestData.DetoxClassification(fresh, 16), sweep);
        var otherSeed = PretrainedWeights.CreateContext(seed: 2, PretrainedModel.NasBert);
        var withOtherContextSeed = otherSeed.LrFinder().Find(otherSeed.MulticlassClassification.Trainers.TextClassification(options), TestData.DetoxClassification(otherSeed, 16), sweep);

        Assert.Multiple(() =>
        {
            ConcurrencyTests.AssertSameResult(again, first, "same context");
            ConcurrencyTests.AssertSameResult(inNewContext, first, "new context, same seed");
            Assert.That(withOtherContextSeed.Curve.Points, Is.Not.EqualTo(first.Curve.Points), "another MLContext seed: other dropout");
        });
    }

    [Test]
    public void Control_without_a_seed_dropout_makes_repeated_sweeps_differ()
    {
        // Shows that the test above is not vacuous: the model draws random numbers in every step.
        using var setup = new SmallClassifier(seed: 5);
        var first = setup.Sweep(seed: null);
        rand(10).Dispose();
        Assert.That(setup.Sweep(seed: null).Curve.Points, Is.Not.EqualTo(first.Curve.Points));
    }
}
