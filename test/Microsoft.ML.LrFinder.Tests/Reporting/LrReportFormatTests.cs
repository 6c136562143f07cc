namespace Microsoft.ML.LrFinder.Tests.Reporting;

public class LrReportFormatTests
{
    [TestCase(0.0021, "2.1e-3")]
    [TestCase(0.008, "8e-3")]
    [TestCase(0.0125, "1.25e-2")]
    [TestCase(0.0079072, "7.91e-3")]
    [TestCase(10.0, "1e+1")]
    [TestCase(1e-7, "1e-7")]
    [TestCase(0.009996, "1e-2")]
    [TestCase(double.NaN, "NaN")]
    public void Learning_rates_have_up_to_three_significant_digits(double value, string text) =>
        Assert.That(LrFormat.LearningRate(value), Is.EqualTo(text));

    [TestCase(1e-7, "1e-7")]
    [TestCase(1.0, "1e0")]
    [TestCase(10.0, "1e1")]
    [TestCase(0.001, "1e-3")]
    [TestCase(0.002, "2e-3")]
    [TestCase(0.0025, "2.5e-3")]
    public void Axis_labels_name_decades(double value, string text) =>
        Assert.That(LrReportFormat.AxisLearningRate(value), Is.EqualTo(text));

    [Test]
    public void A_value_read_at_its_point_is_labelled_with_method_and_value()
    {
        var point = new LrCurvePoint(40, 0.0021, 1, 1);
        Assert.That(LrReportFormat.SuggestionLabel(LrSuggestion.At("valley", 0.0021, point, "")), Is.EqualTo("valley 2.1e-3"));
    }

    [Test]
    public void A_tenth_of_the_points_learning_rate_is_labelled_with_the_division_and_the_point()
    {
        // fastai's lr_min: the loss minimum's learning rate divided by 10 (callback/schedule.py, minimum).
        var point = new LrCurvePoint(80, 0.08, 0.5, 0.5);
        var suggestion = LrSuggestion.At("minimum", 0.08 / 10, point, "");
        Assert.That(LrReportFormat.SuggestionLabel(suggestion), Is.EqualTo("minimum/10 = 8e-3 (loss minimum at 8e-2)"));
    }

    [Test]
    public void Another_derived_value_is_labelled_with_its_point()
    {
        var point = new LrCurvePoint(80, 0.08, 0.5, 0.5);
        Assert.That(LrReportFormat.SuggestionLabel(LrSuggestion.At("custom", 0.03, point, "")), Is.EqualTo("custom = 3e-2 (custom point at 8e-2)"));
        Assert.That(LrReportFormat.SuggestionLabel(LrSuggestion.At("custom", 0.24, point, "")), Is.EqualTo("custom×3 = 2.4e-1 (custom point at 8e-2)"));
    }

    // The report's "Stop:" line and the plot's subtitle, for a sweep that ended at iteration 2 (learning rate 4e-3).
    [TestCase(LrFinderStopReason.Completed, "Completed: all 10 requested iterations ran.")]
    [TestCase(LrFinderStopReason.Diverged, "Stopped early: the loss diverged at iteration 2 (learning rate 4e-3); the smoothed loss exceeded 2.5× its best value.")]
    [TestCase(LrFinderStopReason.NonFiniteLoss, "Stopped early: the loss became NaN or infinite at iteration 2 (learning rate 4e-3).")]
    [TestCase(LrFinderStopReason.Cancelled, "Stopped early: the sweep was cancelled at iteration 2 (learning rate 4e-3).")]
    [TestCase(LrFinderStopReason.AsRecorded, "As recorded: the curve was analysed as loaded; no sweep ran.")]
    [TestCase(LrFinderStopReason.EndOfData, "EndOfData")]
    public void Each_stop_reason_is_stated_with_where_the_sweep_ended(LrFinderStopReason reason, string text)
    {
        var curve = new LrCurve(Enumerable.Range(0, 3).Select(i => new LrCurvePoint(i, 1e-3 * Math.Pow(2, i), 1, 1)), 10);
        var result = new LrFinderResult(curve, reason, [], null, [], new LrFinderOptions { DivergenceThreshold = 2.5 }, TimeSpan.Zero);
        Assert.That(LrReportFormat.StopReason(result), Is.EqualTo(text));
    }

    [Test]
    public void A_sweep_that_recorded_nothing_says_where_it_stopped_without_a_point()
    {
        var result = new LrFinderResult(new LrCurve([], 10), LrFinderStopReason.Cancelled, [], null, [], new LrFinderOptions(), TimeSpan.Zero);
        Assert.That(LrReportFormat.StopReason(result), Is.EqualTo("Stopped early: the sweep was cancelled."));
    }

    [TestCase(LrFinderStopReason.Diverged, true)]
    [TestCase(LrFinderStopReason.NonFiniteLoss, true)]
    [TestCase(LrFinderStopReason.Cancelled, true)]
    [TestCase(LrFinderStopReason.Completed, false)]
    [TestCase(LrFinderStopReason.AsRecorded, false)]
    [TestCase(LrFinderStopReason.EndOfData, false)]
    public void Only_a_blow_up_or_a_cancellation_is_an_early_stop(LrFinderStopReason reason, bool early) =>
        Assert.That(LrReportFormat.StoppedEarly(reason), Is.EqualTo(early));

    [Test]
    public void No_value_has_no_label() =>
        Assert.That(LrReportFormat.SuggestionLabel(LrSuggestion.None("valley", "why")), Is.Null);
}
