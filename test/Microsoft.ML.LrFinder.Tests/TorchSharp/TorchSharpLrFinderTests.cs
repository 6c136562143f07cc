using Microsoft.ML.LrFinder.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.TorchSharp;

public class TorchSharpLrFinderTests
{
    private static TorchSharpLrFinderOptions Short(int iterations = 30, double end = 1) =>
        new() { StartLearningRate = 1e-5, EndLearningRate = end, NumberOfIterations = iterations, Seed = 42 };

    [Test]
    public void A_completed_sweep_leaves_weights_and_optimizer_state_identical()
    {
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, Short(end: 1e-2));
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Completed));
        Assert.That(result.IterationsRun, Is.EqualTo(30));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void A_diverging_sweep_leaves_weights_and_optimizer_state_identical()
    {
        // From the 20th call on, the loss is scaled by 100: the smoothed loss passes 4× its best a few steps later.
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss((call, loss) => call >= 20 ? loss * 100 : loss), setup.Batches, Short());
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Diverged));
        Assert.That(result.IterationsRun, Is.InRange(21, 29));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void A_sweep_that_hits_NaN_leaves_weights_and_optimizer_state_identical()
    {
        // A NaN loss back-propagates NaN into every weight and Adam moment; the restore must undo it.
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss((call, loss) => call == 12 ? loss * double.NaN : loss), setup.Batches, Short());
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.NonFiniteLoss));
        Assert.That(result.IterationsRun, Is.EqualTo(13));
        Assert.That(double.IsNaN(result.Curve.Points[^1].Loss), Is.True);
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void A_cancelled_sweep_leaves_weights_and_optimizer_state_identical()
    {
        using var setup = new SmallClassifier();
        using var cancellation = new CancellationTokenSource();
        var before = setup.Fingerprint();
        var progress = new SynchronousProgress<LrFinderProgress>(p =>
        {
            if (p.Iteration == 9)
            {
                cancellation.Cancel();
            }
        });
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, Short(), progress, cancellation.Token);
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Cancelled));
        Assert.That(result.IterationsRun, Is.EqualTo(10));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void A_step_that_throws_is_rethrown_and_leaves_weights_and_optimizer_state_identical()
    {
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        var ex = Assert.Throws<InvalidOperationException>(() => TorchSharpLrFinder.Find(
            setup.Model, setup.Optimizer, setup.Loss((call, loss) => call == 7 ? throw new InvalidOperationException("boom") : loss), setup.Batches, Short()));
        Assert.That(ex!.Message, Is.EqualTo("boom"));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void An_SGD_momentum_buffer_created_by_the_sweep_is_removed_again()
    {
        // A fresh SGD has no momentum buffers and no gradients; the sweep creates both, the restore must remove them.
        using var setup = new SmallClassifier(optimizer: p => optim.SGD(p, 0.01, momentum: 0.9), warmUp: false);
        var before = setup.Fingerprint();
        TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, Short());
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void Gradient_accumulation_advances_the_sweep_per_optimizer_step()
    {
        using var setup = new SmallClassifier();
        var options = Short(iterations: 10, end: 1e-2);
        options.GradientAccumulationSteps = 4;
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, options);
        Assert.That(result.IterationsRun, Is.EqualTo(10));
        Assert.That(setup.LossCalls, Is.EqualTo(40));
    }

    [Test]
    public void A_seeded_sweep_gives_the_same_curve_twice()
    {
        // The model has dropout. Random numbers drawn between the sweeps move torch's generator; the seed makes the
        // second sweep start from the same generator state anyway.
        using var setup = new SmallClassifier();
        var first = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, Short());
        rand(100).Dispose();
        var second = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, Short());
        Assert.That(second.Curve.Points, Is.EqualTo(first.Curve.Points));
    }

    [Test]
    public void Without_a_seed_dropout_makes_the_curves_differ()
    {
        // The control for the test above: the same two sweeps without a seed.
        using var setup = new SmallClassifier();
        var options = Short();
        options.Seed = null;
        var first = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, options);
        rand(100).Dispose();
        var second = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, options);
        Assert.That(second.Curve.Points, Is.Not.EqualTo(first.Curve.Points));
    }

    [Test]
    public void The_sweep_leaves_the_random_generator_as_it_was()
    {
        using var setup = new SmallClassifier();
        using var generator = random.manual_seed(5);
        using (var expected = rand(4))
        {
            random.manual_seed(5).Dispose();
            TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, Short());
            using var actual = rand(4);
            Assert.That(actual.bytes.ToArray(), Is.EqualTo(expected.bytes.ToArray()));
        }
    }

    [Test]
    public void Parameter_groups_are_swept_in_proportion_to_their_learning_rates()
    {
        using var setup = new SmallClassifier(optimizer: p =>
        {
            var all = p.ToArray();
            return optim.Adam([
                new global::TorchSharp.Modules.Adam.ParamGroup(all.Take(2), lr: 1e-3),
                new global::TorchSharp.Modules.Adam.ParamGroup(all.Skip(2), lr: 1e-2),
            ]);
        });
        var seen = new List<double[]>();
        var loss = setup.Loss((_, l) =>
        {
            seen.Add(setup.Optimizer.ParamGroups.Select(g => g.LearningRate).ToArray());
            return l;
        });
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, loss, setup.Batches, Short(iterations: 5, end: 1e-1));

        Assert.That(seen.Select(lrs => lrs[0]), Is.EqualTo(result.Curve.Points.Select(p => p.LearningRate)));
        Assert.That(seen.Select(lrs => lrs[1] / lrs[0]), Has.All.EqualTo(10).Within(1e-9));
        Assert.That(setup.Optimizer.ParamGroups.Select(g => g.LearningRate), Is.EqualTo(new[] { 1e-3, 1e-2 }));
    }

    [Test]
    public void A_short_batch_source_is_cycled()
    {
        using var setup = new SmallClassifier();
        var source = new CountingBatches(setup.Batches.Take(3).ToList());
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), source, Short(iterations: 10, end: 1e-2));
        Assert.That(result.IterationsRun, Is.EqualTo(10));
        Assert.That(source.Enumerations, Is.EqualTo(4), "10 batches from 3 per epoch take 4 epochs");
    }

    [Test]
    public void A_lazy_iterator_is_run_again_for_every_epoch()
    {
        using var setup = new SmallClassifier();
        int calls = 0;
        IEnumerable<(Tensor, Tensor)> Epoch()
        {
            calls++;
            for (int i = 0; i < 4; i++)
            {
                yield return (randn(SmallClassifier.BatchSize, 8), randint(3, SmallClassifier.BatchSize));
            }
        }

        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), Epoch(), Short(iterations: 10));
        Assert.That(result.IterationsRun, Is.EqualTo(10));
        Assert.That(calls, Is.EqualTo(3));
    }

    [Test]
    public void An_empty_batch_source_is_rejected_and_the_model_left_as_it_was()
    {
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        var ex = Assert.Throws<ArgumentException>(() => TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), [], Short()));
        Assert.That(ex!.ParamName, Is.EqualTo("batches"));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void The_validation_loss_replaces_the_training_loss_when_batches_are_given()
    {
        // At the first step the learning rate is 1e-7: the weights barely move, so the recorded loss is the validation loss
        // of the model as it was, measured in evaluation mode — up to BatchNorm's running statistics, which the training
        // forward pass moves by 10% towards the batch's statistics whatever the learning rate (measured: 0.09% off).
        using var setup = new SmallClassifier();
        var validation = setup.Batches.Skip(14).ToList();
        double expected;
        setup.Model.eval();
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            expected = validation.Average(b => setup.LossModule.call(setup.Model.call(b.Input), b.Target).item<float>());
        }

        var options = new TorchSharpLrFinderOptions
        {
            StartLearningRate = 1e-7, EndLearningRate = 1e-2, NumberOfIterations = 10,
            ValidationBatches = validation,
        };
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, options);

        Assert.That(result.Curve.Points[0].Loss, Is.EqualTo(expected).Within(1).Percent);
        Assert.That(setup.LossCalls, Is.EqualTo(10 * (1 + validation.Count)));
    }

    [Test]
    public void No_native_tensor_is_left_alive()
    {
        // A first sweep creates what a model keeps for good (Adam's first-step tensors, gradients); the second must not
        // change the number of live tensors, and every tensor created in a scope must be disposed in it.
        using var setup = new SmallClassifier();
        var options = Short();
        options.GradientAccumulationSteps = 2;
        options.ValidationBatches = setup.Batches.Take(2).ToList();
        TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, options);

        var statistics = DisposeScopeManager.Statistics;
        long liveBefore = statistics.ThreadTotalLiveCount;
        long createdInScope = statistics.CreatedInScopeCount;
        long disposedInScope = statistics.DisposedInScopeCount;
        TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, options);

        Assert.That(statistics.CreatedInScopeCount - createdInScope, Is.GreaterThan(0));
        Assert.That(statistics.DisposedInScopeCount - disposedInScope, Is.EqualTo(statistics.CreatedInScopeCount - createdInScope));
        Assert.That(statistics.ThreadTotalLiveCount, Is.EqualTo(liveBefore));
    }

    [Test]
    public void An_optimizer_that_cannot_be_restored_is_rejected_up_front()
    {
        using var setup = new SmallClassifier();
        using var lbfgs = optim.LBFGS(setup.Model.parameters());
        Assert.Throws<NotSupportedException>(() => TorchSharpLrFinder.Find(setup.Model, lbfgs, setup.Loss(), setup.Batches, Short()));
    }

    [Test]
    public void A_loss_that_is_not_a_single_value_is_reported()
    {
        using var setup = new SmallClassifier();
        var before = setup.Fingerprint();
        using var perSample = nn.CrossEntropyLoss(reduction: nn.Reduction.None);
        var ex = Assert.Throws<InvalidOperationException>(() => TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, perSample.call, setup.Batches, Short()));
        Assert.That(ex!.Message, Does.Contain("[16]"));
        Assert.That(setup.Fingerprint(), Is.EqualTo(before));
    }

    [Test]
    public void Invalid_options_name_the_parameter()
    {
        using var setup = new SmallClassifier();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TorchSharpLrFinder.Find(
            setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, new TorchSharpLrFinderOptions { GradientAccumulationSteps = 0 }));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(TorchSharpLrFinderOptions.GradientAccumulationSteps)));
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => TorchSharpLrFinder.Find(
            setup.Model, setup.Optimizer, setup.Loss(), setup.Batches, new TorchSharpLrFinderOptions { NumberOfIterations = 1 }));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrFinderOptions.NumberOfIterations)));
    }

    [Test]
    public void A_real_sweep_finds_a_sensible_learning_rate()
    {
        // Adam on this problem trains well between about 1e-3 and 1e-1 and blows up past 1; the selected rate must sit
        // between the start of the fall and the minimum.
        using var setup = new SmallClassifier();
        var result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.Loss(), setup.Batches,
            new TorchSharpLrFinderOptions { NumberOfIterations = 100, Seed = 3 });
        Assert.That(result.SelectedLearningRate, Is.InRange(1e-4, 1.0));
        var lowest = result.Curve.Points.Take(result.Curve.WindowEnd).MinBy(p => p.SmoothedLoss);
        Assert.That(result.SelectedLearningRate, Is.LessThanOrEqualTo(lowest.LearningRate));
    }

    private sealed class CountingBatches(List<(Tensor Input, Tensor Target)> batches) : IEnumerable<(Tensor Input, Tensor Target)>
    {
        public int Enumerations { get; private set; }

        public IEnumerator<(Tensor Input, Tensor Target)> GetEnumerator()
        {
            Enumerations++;
            return batches.GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
