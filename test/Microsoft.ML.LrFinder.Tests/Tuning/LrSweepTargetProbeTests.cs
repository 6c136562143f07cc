using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// A probe over any sweep target, on a pure C# target (a one-weight SGD-with-momentum model of a parabola): it trains the
/// steps it is given at its rate, scores the trained state, and leaves the target as it found it, whatever happens.
/// </summary>
public class LrSweepTargetProbeTests
{
    [Test]
    public void A_probe_trains_its_steps_at_its_rate_scores_the_trained_state_and_restores()
    {
        var target = new ParabolaTarget();
        var scored = new List<double>();
        var probe = new LrSweepTargetProbe(target, () =>
        {
            scored.Add(target.CurrentLoss);
            return target.CurrentLoss;
        });

        var candidate = probe.Probe(0.01, 5, CancellationToken.None);

        Assert.That(target.LearningRates, Is.EqualTo(Enumerable.Repeat(0.01, 5)));
        Assert.That(target.Calls, Is.EqualTo(new[] { "snapshot", "step", "step", "step", "step", "step", "restore" }));
        Assert.That(candidate, Is.EqualTo(new LrTuneCandidate(0.01, scored.Single(), 5)));
        Assert.That(scored.Single(), Is.LessThan(50), "the score reads the trained weight, not the starting one (loss 50)");
        target.AssertUntouched();

        // From the restored state a second probe scores the same.
        Assert.That(probe.Probe(0.01, 5, CancellationToken.None), Is.EqualTo(candidate));
    }

    [Test]
    public void A_probe_whose_training_loss_goes_non_finite_stops_there_scores_infinity_and_restores()
    {
        var target = new ParabolaTarget { NaNAtStep = 2 };
        bool scored = false;
        var candidate = new LrSweepTargetProbe(target, () =>
        {
            scored = true;
            return 0;
        }).Probe(0.01, 10, CancellationToken.None);

        Assert.That(candidate, Is.EqualTo(new LrTuneCandidate(0.01, double.PositiveInfinity, 3)));
        Assert.That(scored, Is.False);
        target.AssertUntouched();
    }

    [Test]
    public void A_step_that_throws_is_rethrown_with_its_step_and_rate_after_the_restore()
    {
        var target = new ParabolaTarget { ThrowAtStep = 3 };
        var ex = Assert.Throws<InvalidOperationException>(() => new LrSweepTargetProbe(target, () => 0).Probe(0.02, 10, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo(ParabolaTarget.StepFailure));
        Assert.That(ex.Data[LrSweepRunner.IterationDataKey], Is.EqualTo(3));
        Assert.That(ex.Data[LrSweepRunner.LearningRateDataKey], Is.EqualTo(0.02));
        target.AssertUntouched();
    }

    [Test]
    public void Cancelling_during_a_probe_throws_after_the_restore()
    {
        using var cancellation = new CancellationTokenSource();
        var target = new ParabolaTarget();
        var steps = 0;
        var counting = new LrSweepTargetProbe(
            new CancellingTarget(target, () =>
            {
                if (++steps == 2)
                {
                    cancellation.Cancel();
                }
            }),
            () => 0);

        Assert.Throws<OperationCanceledException>(() => counting.Probe(0.01, 10, cancellation.Token));
        Assert.That(target.Calls.Count(c => c == "step"), Is.EqualTo(2));
        target.AssertUntouched();

        // Already cancelled: nothing is touched.
        var untouched = new ParabolaTarget();
        Assert.Throws<OperationCanceledException>(() => new LrSweepTargetProbe(untouched, () => 0).Probe(0.01, 10, cancellation.Token));
        Assert.That(untouched.Calls, Is.Empty);
    }

    [TestCase(0.0, 1, "learningRate", "must be finite and greater than 0.")]
    [TestCase(-1e-3, 1, "learningRate", "must be finite and greater than 0.")]
    [TestCase(double.NaN, 1, "learningRate", "must be finite and greater than 0.")]
    [TestCase(double.PositiveInfinity, 1, "learningRate", "must be finite and greater than 0.")]
    [TestCase(1e-3, 0, "steps", "steps ('0') must be greater than or equal to '1'.")]
    public void A_rate_or_step_count_out_of_range_is_refused_by_name_before_anything_is_touched(double learningRate, int steps, string name, string message)
    {
        var target = new ParabolaTarget();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LrSweepTargetProbe(target, () => 0).Probe(learningRate, steps, CancellationToken.None));

        Assert.That(ex!.ParamName, Is.EqualTo(name));
        Assert.That(ex.Message, Does.StartWith(message));
        Assert.That(target.Calls, Is.Empty);
    }

    [Test]
    public void A_probe_needs_a_target_and_a_held_out_loss() =>
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => _ = new LrSweepTargetProbe(null!, () => 0))!.ParamName, Is.EqualTo("target"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => _ = new LrSweepTargetProbe(new ParabolaTarget(), null!))!.ParamName, Is.EqualTo("validationLoss"));
        });

    /// <summary>Passes every call on to <paramref name="inner"/>, running <paramref name="afterStep"/> after each step.</summary>
    private sealed class CancellingTarget(ILrSweepTarget inner, Action afterStep) : ILrSweepTarget
    {
        public void Snapshot() => inner.Snapshot();

        public double Step(double learningRate)
        {
            double loss = inner.Step(learningRate);
            afterStep();
            return loss;
        }

        public void Restore() => inner.Restore();
    }
}
