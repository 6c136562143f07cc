namespace Microsoft.ML.LrFinder.Tests.Suggestions;

public class LagFreeMethodTests
{
    /// <summary>The default sweep's rates: 1e-7 → 10 over 100 points.</summary>
    private static double Rate(int i) => 1e-7 * Math.Pow(1e8, i / 99.0);

    /// <summary>
    /// A clean sweep: flat at 2.3, a fall that is linear in log(LR) from point 40 to the bottom at point 70 (0.3), then a
    /// blow-up ×2 a point from point 75.
    /// </summary>
    private static LrCurve FallThenBlowUp()
    {
        var average = new DebiasedMovingAverage(LrFinderDefaults.SmoothingBeta);
        var points = Enumerable.Range(0, 90).Select(i =>
        {
            double loss = i < 40 ? 2.3 : i <= 70 ? 2.3 - (2.0 * (i - 40) / 30) : i < 75 ? 0.3 + (0.02 * (i - 70)) : 0.4 * Math.Pow(2, i - 74);
            return new LrCurvePoint(i, Rate(i), loss, average.Add(loss));
        });
        return new LrCurve(points, 100);
    }

    /// <summary>
    /// 25 points (<see cref="TestCurves"/>' learning rates) whose raw and smoothed losses differ; the window is the first 20
    /// (the last 5 are dropped).
    /// </summary>
    private static LrCurve RawAndSmoothed(Func<int, double> raw, Func<int, double> smoothed) =>
        new(Enumerable.Range(0, 25).Select(i => new LrCurvePoint(i, TestCurves.LearningRate(i), raw(i), smoothed(i))), requestedIterations: 0);

    [Test]
    public void It_is_the_geometric_mean_of_halfdrop_and_the_lag_free_minimum_divided_for_the_schedule()
    {
        var curve = FallThenBlowUp();
        var half = LrSuggestionMethods.HalfDrop.Suggest(curve).LearningRate!.Value;
        var constant = LrSuggestionMethods.LagFree.Suggest(curve, LrTrainingSchedule.Constant);
        var oneCycle = LrSuggestionMethods.LagFree.Suggest(curve, LrTrainingSchedule.OneCycle);
        double minimum = constant.Point!.Value.LearningRate;

        // The lag-free minimum is the fall's bottom (point 70, give or take the rounding of the corner by the smoother).
        Assert.That(constant.Point!.Value.Iteration, Is.InRange(69, 71));
        Assert.That(constant.Curve, Is.EqualTo(LrLossCurve.LagFree));
        Assert.That(constant.LearningRate, Is.EqualTo(Math.Sqrt(half * minimum / 8)).Within(1e-15));
        Assert.That(oneCycle.LearningRate, Is.EqualTo(Math.Sqrt(half * minimum / 2)).Within(1e-15));
        Assert.That(oneCycle.LearningRate!.Value / constant.LearningRate!.Value, Is.EqualTo(2).Within(1e-12), "√(8/2)");
    }

    [Test]
    public void It_lies_left_of_the_minimum_and_before_the_point_where_training_broke_down()
    {
        var curve = FallThenBlowUp();
        var suggestion = LrSuggestionMethods.LagFree.Suggest(curve, LrTrainingSchedule.OneCycle);
        Assert.That(suggestion.LearningRate, Is.LessThan(Rate(70)));
        Assert.That(curve.Points.Skip(80).Select(p => p.LagFreeLoss), Is.All.NaN, "the lag-free curve ends before the blow-up");
    }

    [Test]
    public void It_explains_both_readings_and_the_use()
    {
        var explanation = LrSuggestionMethods.LagFree.Suggest(FallThenBlowUp(), LrTrainingSchedule.OneCycle).Explanation;
        Assert.That(explanation, Does.Contain("lag-free loss is lowest").And.Contain("÷ 2").And.Contain("one-cycle peak")
            .And.Contain("halfdrop reads").And.Contain("geometric mean"));
    }

    [Test]
    public void A_loss_that_never_falls_gets_no_suggestion_with_the_reason()
    {
        var curve = new LrCurve(Enumerable.Range(0, 50).Select(i => new LrCurvePoint(i, Rate(2 * i), 1 + (0.01 * i), 1 + (0.01 * i))), 50);
        var suggestion = LrSuggestionMethods.LagFree.Suggest(curve);
        Assert.That(suggestion.HasValue, Is.False);
        Assert.That(suggestion.Explanation, Does.Contain("never decreases"));
    }

    [Test]
    public void The_options_schedule_reaches_the_rule_and_the_default_is_a_constant_rate()
    {
        var curve = FallThenBlowUp();
        var constant = LrCurveAnalysis.Analyze(curve);
        var oneCycle = LrCurveAnalysis.Analyze(curve, new LrFinderOptions { TrainingSchedule = LrTrainingSchedule.OneCycle });
        Assert.That(constant.Selected!.Method, Is.EqualTo("lagfree"));
        Assert.That(constant.SelectedLearningRate, Is.EqualTo(LrSuggestionMethods.LagFree.Suggest(curve, LrTrainingSchedule.Constant).LearningRate));
        Assert.That(oneCycle.SelectedLearningRate, Is.EqualTo(LrSuggestionMethods.LagFree.Suggest(curve, LrTrainingSchedule.OneCycle).LearningRate));
    }

    [TestCase(LrTrainingSchedule.Constant)]
    [TestCase(LrTrainingSchedule.OneCycle)]
    public void A_fit_of_more_than_fifteen_epochs_divides_the_rate_by_the_square_of_its_epochs_over_fifteen(LrTrainingSchedule schedule)
    {
        // The threshold (15 epochs) and the exponent (2) were chosen by leave-one-source-out validation on the regret
        // benchmark's recorded runs (docs/benchmarks.md, replay section, row lagfree÷epochs).
        var curve = FallThenBlowUp();
        double curveOnly = LrSuggestionMethods.LagFree.Suggest(curve, schedule).LearningRate!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(LrSuggestionMethods.LagFree.Suggest(curve, schedule, null).LearningRate, Is.EqualTo(curveOnly), "epochs unknown");
            Assert.That(LrSuggestionMethods.LagFree.Suggest(curve, schedule, 1).LearningRate, Is.EqualTo(curveOnly));
            Assert.That(LrSuggestionMethods.LagFree.Suggest(curve, schedule, 10).LearningRate, Is.EqualTo(curveOnly));
            Assert.That(LrSuggestionMethods.LagFree.Suggest(curve, schedule, 15).LearningRate, Is.EqualTo(curveOnly), "15 is the threshold");
            Assert.That(LrSuggestionMethods.LagFree.Suggest(curve, schedule, 18).LearningRate, Is.EqualTo(curveOnly / 1.44).Within(1e-15), "(18 ÷ 15)² = 1.44");
            Assert.That(LrSuggestionMethods.LagFree.Suggest(curve, schedule, 60).LearningRate, Is.EqualTo(curveOnly / 16).Within(1e-15), "(60 ÷ 15)² = 16");
        });
    }

    [Test]
    public void The_epochs_division_is_explained_and_read_from_the_same_point()
    {
        var curve = FallThenBlowUp();
        var curveOnly = LrSuggestionMethods.LagFree.Suggest(curve, LrTrainingSchedule.Constant);
        var long_ = LrSuggestionMethods.LagFree.Suggest(curve, LrTrainingSchedule.Constant, 30);
        Assert.Multiple(() =>
        {
            Assert.That(long_.Point, Is.EqualTo(curveOnly.Point), "the plot marks the same reading point");
            Assert.That(long_.Curve, Is.EqualTo(LrLossCurve.LagFree));
            Assert.That(long_.Explanation, Does.StartWith(curveOnly.Explanation.TrimEnd('.')).And.Contain("for a fit of 30 epochs").And.Contain("divided by 4"));
            Assert.That(long_.Explanation, Does.EndWith($"divided by 4 ((30 ÷ 15)^2): {LrFormat.LearningRate(curveOnly.LearningRate!.Value / 4)}."), "the rate the user gets");
        });
    }

    [Test]
    public void The_options_epochs_reach_the_selection_and_other_rules_ignore_them()
    {
        var curve = FallThenBlowUp();
        var plain = LrCurveAnalysis.Analyze(curve);
        var longFit = LrCurveAnalysis.Analyze(curve, new LrFinderOptions { TrainingEpochs = 30 });
        Assert.Multiple(() =>
        {
            Assert.That(longFit.SelectedLearningRate, Is.EqualTo(plain.SelectedLearningRate!.Value / 4).Within(1e-15));
            Assert.That(
                longFit.Suggestions.Where(s => s.Method != "lagfree").Select(s => s.LearningRate),
                Is.EqualTo(plain.Suggestions.Where(s => s.Method != "lagfree").Select(s => s.LearningRate)),
                "fastai's rules and halfdrop read the curve alone");
        });
    }

    [TestCase(LrTrainingSchedule.Constant, 8, "a constant rate")]
    [TestCase(LrTrainingSchedule.OneCycle, 2, "the peak of a one-cycle schedule")]
    public void When_halfdrop_reads_nothing_the_lag_free_minimum_alone_is_the_suggestion_and_it_says_so(LrTrainingSchedule schedule, double divisor, string use)
    {
        // The raw losses fall by 0.1 per point while the smoothed losses stay flat: the lag-free curve (read off the raw losses;
        // a straight line comes back unchanged) is lowest at the window's last point, 19, at 5 − 1.9 = 3.1, where halfdrop (on
        // the smoothed losses) sees no fall.
        var curve = RawAndSmoothed(raw: i => 5 - (0.1 * i), smoothed: _ => 2);
        var suggestion = LrSuggestionMethods.LagFree.Suggest(curve, schedule);
        Assert.Multiple(() =>
        {
            Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(19));
            Assert.That(suggestion.Curve, Is.EqualTo(LrLossCurve.LagFree));
            Assert.That(suggestion.LearningRate, Is.EqualTo(TestCurves.LearningRate(19) / divisor));
            Assert.That(suggestion.Explanation, Does.StartWith(FormattableString.Invariant(
                $"the lag-free loss is lowest (3.1) at learning rate {LrFormat.LearningRate(TestCurves.LearningRate(19))}; for {use} the rule divides it by {divisor}: ")));
            Assert.That(suggestion.Explanation, Does.EndWith(
                "(only this reading: halfdrop made no suggestion: the denoised loss never decreases in the suggestion window.)"));
        });
    }

    [Test]
    public void When_the_lag_free_curve_never_falls_halfdrop_alone_is_the_suggestion_and_it_says_so()
    {
        // The other way round: raw losses that rise (the lag-free curve ends at its first point, below the rise) under smoothed
        // losses that fall by 0.5 per point from 10: halfdrop's reading, on the smoothed curve, is the suggestion.
        var curve = RawAndSmoothed(raw: i => 1 + (0.1 * i), smoothed: i => 10 - (0.5 * i));
        var halfDrop = LrSuggestionMethods.HalfDrop.Suggest(curve);
        var suggestion = LrSuggestionMethods.LagFree.Suggest(curve);
        Assert.Multiple(() =>
        {
            Assert.That(suggestion.LearningRate, Is.EqualTo(halfDrop.LearningRate).And.Not.Null);
            Assert.That(suggestion.Point, Is.EqualTo(halfDrop.Point));
            Assert.That(suggestion.Curve, Is.EqualTo(LrLossCurve.Smoothed));
            Assert.That(suggestion.Explanation, Is.EqualTo(
                $"{halfDrop.Explanation} (only this reading: the lag-free minimum gave none: the lag-free loss never decreases in the suggestion window.)"));
        });
    }

    [Test]
    public void When_neither_reading_suggests_the_reason_is_the_lag_free_curves()
    {
        Assert.That(LrSuggestionMethods.LagFree.Suggest(TestCurves.Window(2, 2, 2, 2)).Explanation,
            Is.EqualTo("the lag-free loss never decreases in the suggestion window."));
        Assert.That(LrSuggestionMethods.LagFree.Suggest(TestCurves.Window()).Explanation,
            Is.EqualTo("the lag-free curve has no point in the suggestion window (too few points, or the loss was non-finite early)."));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Epochs_below_one_are_rejected_by_name(int epochs)
    {
        var options = new LrFinderOptions { TrainingEpochs = epochs };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(error!.ParamName, Is.EqualTo(nameof(LrFinderOptions.TrainingEpochs)));
        Assert.That(error.Message, Does.Contain("at least 1"));
    }
}
