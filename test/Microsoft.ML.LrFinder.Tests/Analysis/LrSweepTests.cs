using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Analysis;

public class LrSweepTests
{
    [Test]
    public void Exponential_schedule_hits_every_decade_from_start_to_end()
    {
        // start·(end/start)^(i/(N−1)) with N = 5, 1e-5 → 0.1: one decade per step. The ends are exact; inner points are
        // within rounding of pow.
        var sweep = new LrSweep(new LrFinderOptions { StartLearningRate = 1e-5, EndLearningRate = 0.1, NumberOfIterations = 5 });
        double[] expected = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1];
        Assert.That(Enumerable.Range(0, 5).Select(sweep.LearningRateAt), Is.EqualTo(expected).Within(1e-12).Percent);
        Assert.That(sweep.LearningRateAt(0), Is.EqualTo(1e-5));
        Assert.That(sweep.LearningRateAt(4), Is.EqualTo(0.1));
    }

    [Test]
    public void Linear_schedule_steps_evenly_from_start_to_end()
    {
        // start + (end−start)·i/(N−1) with N = 5, 1e-5 → 5e-5: steps of 1e-5.
        var sweep = new LrSweep(new LrFinderOptions
        {
            StartLearningRate = 1e-5, EndLearningRate = 5e-5, NumberOfIterations = 5, Schedule = LrSchedule.Linear,
        });
        double[] expected = [1e-5, 2e-5, 3e-5, 4e-5, 5e-5];
        Assert.That(Enumerable.Range(0, 5).Select(sweep.LearningRateAt), Is.EqualTo(expected).Within(1e-12).Percent);
        Assert.That(sweep.LearningRateAt(4), Is.EqualTo(5e-5));
    }

    [Test]
    public void Learning_rates_outside_the_range_are_rejected()
    {
        var sweep = new LrSweep(new LrFinderOptions { NumberOfIterations = 5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => sweep.LearningRateAt(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sweep.LearningRateAt(5));
    }

    [Test]
    public void Invalid_options_are_rejected_naming_the_parameter()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LrSweep(new LrFinderOptions { NumberOfIterations = 1 }));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrFinderOptions.NumberOfIterations)));
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LrSweep(new LrFinderOptions { StartLearningRate = 1, EndLearningRate = 1 }));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrFinderOptions.EndLearningRate)));
    }

    [Test]
    public void The_options_are_copied()
    {
        var options = new LrFinderOptions { NumberOfIterations = 5 };
        var sweep = new LrSweep(options);
        options.NumberOfIterations = 50;
        Assert.That(sweep.Options.NumberOfIterations, Is.EqualTo(5));
    }

    [Test]
    public void Losses_are_smoothed_with_a_debiased_moving_average()
    {
        // β = 0.5, losses 4, 2, 1: avg = 0.5·0 + 0.5·4 = 2 → 2/(1−0.5) = 4; avg = 0.5·2 + 0.5·2 = 2 → 2/(1−0.25) = 8/3;
        // avg = 0.5·2 + 0.5·1 = 1.5 → 1.5/(1−0.125) = 12/7.
        var sweep = new LrSweep(new LrFinderOptions { SmoothingBeta = 0.5, NumberOfIterations = 10 });
        foreach (double loss in new[] { 4.0, 2, 1 })
        {
            sweep.Record(loss);
        }

        Assert.That(sweep.Points.Select(p => p.SmoothedLoss), Is.EqualTo(new[] { 4, 8.0 / 3, 12.0 / 7 }).Within(1e-15));
        Assert.That(sweep.Points.Select(p => p.Loss), Is.EqualTo(new[] { 4.0, 2, 1 }));
        Assert.That(sweep.Points.Select(p => p.Iteration), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(sweep.Points.Select(p => p.LearningRate), Is.EqualTo(Enumerable.Range(0, 3).Select(sweep.LearningRateAt)));
    }

    [Test]
    public void A_sweep_completes_after_the_requested_iterations()
    {
        var sweep = new LrSweep(new LrFinderOptions { NumberOfIterations = 3 });
        Assert.That(sweep.NextLearningRate, Is.EqualTo(sweep.LearningRateAt(0)));
        Assert.That(sweep.Record(3), Is.True);
        Assert.That(sweep.NextLearningRate, Is.EqualTo(sweep.LearningRateAt(1)));
        Assert.That(sweep.Record(2), Is.True);
        Assert.That(sweep.Record(1), Is.False);
        Assert.That(sweep.StopReason, Is.EqualTo(LrFinderStopReason.Completed));
        Assert.That(sweep.TryGetNextLearningRate(out _), Is.False);
        Assert.That(Assert.Throws<InvalidOperationException>(() => sweep.Record(1))!.Message, Is.EqualTo("The sweep has stopped; no more losses can be recorded."));
        Assert.That(Assert.Throws<InvalidOperationException>(() => _ = sweep.NextLearningRate)!.Message, Is.EqualTo("The sweep has stopped."));
    }

    [Test]
    public void It_diverges_when_the_smoothed_loss_exceeds_the_threshold_times_the_best()
    {
        // β = 0: the smoothed loss is the loss. Best 1 after the second step; 3.9 ≤ 4·1 continues, 4.1 > 4 stops.
        var sweep = Unsmoothed();
        Assert.That(new[] { 2.0, 1, 3.9 }.Select(sweep.Record), Has.All.True);
        Assert.That(sweep.Record(4.1), Is.False);
        Assert.That(sweep.StopReason, Is.EqualTo(LrFinderStopReason.Diverged));
        Assert.That(sweep.Points, Has.Count.EqualTo(4));
    }

    [Test]
    public void Divergence_is_measured_from_the_first_smoothed_loss()
    {
        // fastai starts "best" at infinity, which the first loss replaces; a sweep that only rises diverges once it passes
        // 4× its first loss.
        var sweep = Unsmoothed();
        Assert.That(new[] { 1.0, 2, 3, 4 }.Select(sweep.Record), Has.All.True);
        Assert.That(sweep.Record(4.5), Is.False);
        Assert.That(sweep.StopReason, Is.EqualTo(LrFinderStopReason.Diverged));
    }

    [Test]
    public void Divergence_is_correct_for_negative_losses()
    {
        // Best −2: the rule is smoothed − best > (4 − 1)·|best| = 6, i.e. smoothed > 4. fastai's "smoothed > 4·best"
        // (> −8) would stop at the very next step.
        var sweep = Unsmoothed();
        Assert.That(new[] { -1.0, -2, -1, 3.9 }.Select(sweep.Record), Has.All.True);
        Assert.That(sweep.Record(4.1), Is.False);
        Assert.That(sweep.StopReason, Is.EqualTo(LrFinderStopReason.Diverged));
    }

    [Test]
    public void Divergence_can_be_turned_off()
    {
        var sweep = new LrSweep(new LrFinderOptions { SmoothingBeta = 0, NumberOfIterations = 3, StopOnDivergence = false });
        Assert.That(new[] { 1.0, 100 }.Select(sweep.Record), Has.All.True);
        Assert.That(sweep.Record(1000), Is.False);
        Assert.That(sweep.StopReason, Is.EqualTo(LrFinderStopReason.Completed));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void A_non_finite_loss_stops_at_once_and_stays_out_of_the_window(double loss)
    {
        var sweep = new LrSweep(new LrFinderOptions { NumberOfIterations = 20 });
        for (int i = 0; i < 10; i++)
        {
            sweep.Record(1.0 / (i + 1));
        }

        Assert.That(sweep.Record(loss), Is.False);
        Assert.That(sweep.StopReason, Is.EqualTo(LrFinderStopReason.NonFiniteLoss));
        var result = sweep.BuildResult();
        Assert.That(result.Curve.Points, Has.Count.EqualTo(11));
        Assert.That(result.Curve.Points[^1].Loss, Is.EqualTo(loss));
        Assert.That(result.Curve.WindowEnd, Is.LessThanOrEqualTo(10));
    }

    [Test]
    public void Cancellation_ends_the_sweep_with_the_curve_so_far()
    {
        using var cancellation = new CancellationTokenSource();
        var sweep = new LrSweep(new LrFinderOptions { NumberOfIterations = 10 }, cancellationToken: cancellation.Token);
        Assert.That(sweep.Record(1), Is.True);
        cancellation.Cancel();
        Assert.That(sweep.Record(1), Is.False);
        Assert.That(sweep.StopReason, Is.EqualTo(LrFinderStopReason.Cancelled));
        Assert.That(sweep.BuildResult().IterationsRun, Is.EqualTo(2));
    }

    [Test]
    public void A_sweep_cancelled_before_its_first_step_has_an_empty_curve()
    {
        var sweep = new LrSweep(new LrFinderOptions(), cancellationToken: new CancellationToken(canceled: true));
        Assert.That(sweep.TryGetNextLearningRate(out double learningRate), Is.False);
        Assert.That(learningRate, Is.Zero);
        var result = sweep.BuildResult();
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Cancelled));
        Assert.That(result.IterationsRun, Is.Zero);
        Assert.That(result.SelectedLearningRate, Is.Null);
    }

    [Test]
    public void Progress_is_reported_for_every_step_on_the_calling_thread()
    {
        var reports = new List<LrFinderProgress>();
        var sweep = new LrSweep(new LrFinderOptions { NumberOfIterations = 3, SmoothingBeta = 0 }, new SynchronousProgress<LrFinderProgress>(reports.Add));
        while (sweep.TryGetNextLearningRate(out _))
        {
            sweep.Record(5);
        }

        Assert.That(reports.Select(r => (r.Iteration, r.TotalIterations, r.LearningRate, r.Loss, r.SmoothedLoss)), Is.EqualTo(
            sweep.Points.Select(p => (p.Iteration, 3, p.LearningRate, 5.0, 5.0))));
    }

    [Test]
    public void The_result_selects_lagfree_by_default_and_runs_every_method()
    {
        var result = CompletedSweep(new LrFinderOptions { NumberOfIterations = 100 }).BuildResult();
        Assert.That(result.Suggestions.Select(s => s.Method), Is.EqualTo(LrSuggestionMethods.All.Select(m => m.Name)));
        Assert.That(result.Selected, Is.SameAs(result.Suggestions[0]));
        Assert.That(result.Selected!.Method, Is.EqualTo("lagfree"));
        Assert.That(result.SelectedLearningRate, Is.Not.Null);
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Completed));
    }

    [Test]
    public void A_selector_missing_from_the_methods_is_added()
    {
        var options = new LrFinderOptions { SuggestionMethods = [LrSuggestionMethods.Slide], Selector = LrSuggestionMethods.Minimum };
        var result = CompletedSweep(options).BuildResult();
        Assert.That(result.Suggestions.Select(s => s.Method), Is.EqualTo(new[] { "slide", "minimum" }));
        Assert.That(result.Selected!.Method, Is.EqualTo("minimum"));
    }

    [Test]
    public void Building_the_result_of_a_running_sweep_ends_it_with_end_of_data()
    {
        var sweep = new LrSweep(new LrFinderOptions { NumberOfIterations = 10 });
        sweep.Record(1);
        Assert.That(sweep.BuildResult().StopReason, Is.EqualTo(LrFinderStopReason.EndOfData));
        Assert.That(sweep.IsStopped, Is.True);
    }

    private static LrSweep Unsmoothed() => new(new LrFinderOptions { SmoothingBeta = 0, NumberOfIterations = 100 });

    /// <summary>A bowl in log LR: falls from 2.3 to 0.3 around point 50, then rises, never 4× its best within 100 points.</summary>
    private static LrSweep CompletedSweep(LrFinderOptions options)
    {
        var sweep = new LrSweep(options);
        int i = 0;
        while (sweep.TryGetNextLearningRate(out _))
        {
            sweep.Record(0.3 + (2.0 / (1 + Math.Exp((i - 50) / 5.0))) + (i > 70 ? 0.02 * (i - 70) : 0));
            i++;
        }

        return sweep;
    }
}
