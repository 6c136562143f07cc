using Microsoft.ML.LrFinder.Tests.Fixtures;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// The generic finder's tuning path, observed through the loss function, which sees every batch the finder trains (with a
/// gradient) or scores (without): the probes train only on training batches, from the first, for their share of the budget,
/// and only validation batches are scored.
/// </summary>
public class TorchSharpTunePathTests
{
    private const int Budget = 40;

    [Test]
    public void Probes_train_only_on_training_batches_for_their_share_of_the_budget_and_only_validation_batches_are_scored()
    {
        using var setup = new SmallClassifier();
        var training = setup.Batches.Take(12).ToList();
        var validation = setup.Batches.Skip(12).ToList();
        var options = new TorchSharpLrFinderOptions
        {
            StartLearningRate = 1e-5,
            EndLearningRate = 1,
            NumberOfIterations = 30,
            Seed = 42,
            Tune = new LrTuneOptions { CandidateCount = 3, ProbeFraction = 0.25 },
        };
        var sweep = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), training, options);
        var trained = new List<int>();
        var scored = new List<int>();
        Tensor Loss(Tensor prediction, Tensor target)
        {
            var value = setup.LossModule.call(prediction, target);
            (value.requires_grad ? trained : scored).Add(setup.Batches.FindIndex(b => ReferenceEquals(b.Target, target)));
            return value;
        }

        var result = TorchSharpLrFinder.Tune(setup.Model, setup.Optimizer, Loss, training, validation, Budget, sweep, options);

        // A quarter of the 40-step budget is 10 steps: each probe trains on the first 10 training batches, in order.
        var validationIndices = Enumerable.Range(training.Count, validation.Count);
        Assert.That(result.Candidates, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(result.Candidates.Select(c => c.StepsRun), Is.All.EqualTo(10));
            Assert.That(trained, Is.EqualTo(Enumerable.Repeat(Enumerable.Range(0, 10), 3).SelectMany(i => i)), "each probe: the first 10 training batches");
            Assert.That(scored, Is.Not.Empty.And.All.AnyOf(validationIndices.Cast<object>().ToArray()), "only validation batches are scored");
            Assert.That(scored.Distinct().Order(), Is.EqualTo(validationIndices), "every validation batch is scored");
        });
    }
}
