using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Analysis;

/// <summary>The pull-model runner on a pure C# target: a one-weight SGD-with-momentum model of a parabola.</summary>
public class LrSweepRunnerTests
{
    [Test]
    public void A_completed_sweep_restores_the_target()
    {
        var target = new ParabolaTarget();
        var result = LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 30, EndLearningRate = 0.1 });
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Completed));
        Assert.That(result.IterationsRun, Is.EqualTo(30));
        target.AssertUntouched();
    }

    [Test]
    public void A_diverging_sweep_restores_the_target()
    {
        // Past LR 1 the step overshoots the bottom of w² by more than it corrects: the loss grows geometrically.
        var target = new ParabolaTarget();
        var result = LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 100, EndLearningRate = 100 });
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Diverged));
        Assert.That(result.IterationsRun, Is.LessThan(100));
        target.AssertUntouched();
    }

    [Test]
    public void A_sweep_that_meets_a_NaN_restores_the_target()
    {
        var target = new ParabolaTarget { NaNAtStep = 12 };
        var result = LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 30 });
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.NonFiniteLoss));
        Assert.That(result.IterationsRun, Is.EqualTo(13));
        target.AssertUntouched();
    }

    [Test]
    public void A_cancelled_sweep_restores_the_target_and_returns_the_curve_so_far()
    {
        using var cancellation = new CancellationTokenSource();
        var target = new ParabolaTarget();
        var progress = new SynchronousProgress<LrFinderProgress>(p =>
        {
            if (p.Iteration == 7)
            {
                cancellation.Cancel();
            }
        });
        var result = LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 30 }, progress, cancellation.Token);
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Cancelled));
        Assert.That(result.IterationsRun, Is.EqualTo(8));
        target.AssertUntouched();
    }

    [Test]
    public void An_exception_from_a_step_is_rethrown_after_restoring()
    {
        var target = new ParabolaTarget { ThrowAtStep = 5 };
        var ex = Assert.Throws<InvalidOperationException>(() => LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 30 }));
        Assert.That(ex!.Message, Is.EqualTo(ParabolaTarget.StepFailure));
        target.AssertUntouched();
    }

    [Test]
    public void A_failing_step_says_at_which_iteration_and_learning_rate_it_failed()
    {
        // The sixth step (iteration 5) throws: the exception keeps its type and message and carries where it happened.
        var target = new ParabolaTarget { ThrowAtStep = 5 };
        var ex = Assert.Throws<InvalidOperationException>(() => LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 30 }));
        Assert.That(ex!.Data[LrSweepRunner.IterationDataKey], Is.EqualTo(5));
        Assert.That(ex.Data[LrSweepRunner.LearningRateDataKey], Is.EqualTo(target.LearningRates[^1]));
    }

    [Test]
    public void A_failing_restore_after_a_failing_step_reports_both()
    {
        var target = new ParabolaTarget { ThrowAtStep = 5, RestoreThrows = true };
        var ex = Assert.Throws<AggregateException>(() => LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 30 }));
        Assert.That(ex!.InnerExceptions.Select(e => e.Message), Is.EqualTo(new[] { ParabolaTarget.StepFailure, ParabolaTarget.RestoreFailure }));
        Assert.That(ex.Message, Does.StartWith("The training step failed and restoring the sweep target failed too."));
    }

    [Test]
    public void Invalid_options_throw_before_the_target_is_touched()
    {
        var target = new ParabolaTarget();
        Assert.Throws<ArgumentOutOfRangeException>(() => LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 1 }));
        Assert.That(target.Calls, Is.Empty);
    }

    [Test]
    public void Each_step_gets_the_schedules_learning_rate_between_one_snapshot_and_one_restore()
    {
        var target = new ParabolaTarget();
        var options = new LrFinderOptions { NumberOfIterations = 5, StartLearningRate = 1e-5, EndLearningRate = 0.1 };
        LrSweepRunner.Run(target, options);
        Assert.That(target.Calls, Is.EqualTo(new[] { "snapshot", "step", "step", "step", "step", "step", "restore" }));
        Assert.That(target.LearningRates, Is.EqualTo(new[] { 1e-5, 1e-4, 1e-3, 1e-2, 1e-1 }).Within(1e-12).Percent);
    }

    [Test]
    public void Two_sweeps_of_the_same_target_give_the_same_curve()
    {
        var target = new ParabolaTarget();
        var first = LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 40 });
        var second = LrSweepRunner.Run(target, new LrFinderOptions { NumberOfIterations = 40 });
        Assert.That(second.Curve.Points, Is.EqualTo(first.Curve.Points));
    }
}
