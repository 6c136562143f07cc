namespace Microsoft.ML.LrFinder.Tests.Analysis;

/// <summary>
/// The public entry points of the analysis layer refuse a missing argument by name, up front, rather than failing later
/// with a NullReferenceException, and refuse invalid options before reading anything.
/// </summary>
public class AnalysisArgumentTests
{
    private static readonly LrCurve Curve = new([new LrCurvePoint(0, 1e-3, 2, 2)], 1);

    [Test]
    public void A_missing_argument_is_named()
    {
        var options = new LrFinderOptions();
        Assert.Multiple(() =>
        {
            AssertNull("record", () => LrCurveAnalysis.Analyze((LrSweepRecord)null!));
            AssertNull("curve", () => LrCurveAnalysis.Analyze((LrCurve)null!));
            AssertNull("points", () => LrCurveAnalysis.Analyze((IEnumerable<(double, double)>)null!, 10));
            AssertNull("sweep", () => LrSweepAnalysis.BuildResult(null!));
            AssertNull("options", () => _ = new LrSweep(null!));
            AssertNull("target", () => LrSweepRunner.Run(null!));
            AssertNull("curve", () => _ = new LrSweepRecord(null!, LrFinderStopReason.Completed, TimeSpan.Zero, options));
            AssertNull("options", () => _ = new LrSweepRecord(Curve, LrFinderStopReason.Completed, TimeSpan.Zero, null!));
            AssertNull("curve", () => _ = new LrFinderResult(null!, LrFinderStopReason.Completed, [], null, [], options, TimeSpan.Zero));
            AssertNull("suggestions", () => _ = new LrFinderResult(Curve, LrFinderStopReason.Completed, null!, null, [], options, TimeSpan.Zero));
            AssertNull("warnings", () => _ = new LrFinderResult(Curve, LrFinderStopReason.Completed, [], null, null!, options, TimeSpan.Zero));
            AssertNull("options", () => _ = new LrFinderResult(Curve, LrFinderStopReason.Completed, [], null, [], null!, TimeSpan.Zero));
        });
    }

    [Test]
    public void A_curve_is_not_analysed_with_invalid_options()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LrCurveAnalysis.Analyze(Curve, new LrFinderOptions { SmoothingBeta = 1 }));
        Assert.That(error!.ParamName, Is.EqualTo(nameof(LrFinderOptions.SmoothingBeta)));
    }

    [TestCase(new[] { 1e-2, 1e-3, 1e-4 }, TestName = "decreasing learning rates")]
    [TestCase(new[] { 1e-3, 1e-3, 1e-3 }, TestName = "one learning rate")]
    [TestCase(new[] { 0.0, 1e-3, 1e-2 }, TestName = "a first learning rate of 0")]
    [TestCase(new[] { -1e-3, 1e-3, 1e-2 }, TestName = "a negative first learning rate")]
    [TestCase(new[] { double.NaN, 1e-3, 1e-2 }, TestName = "a first learning rate that is not a number")]
    [TestCase(new[] { 1e-3, 1e-2, double.PositiveInfinity }, TestName = "an infinite last learning rate")]
    public void A_curve_whose_rates_are_no_valid_range_keeps_the_options_range(double[] learningRates)
    {
        // The result's options describe the curve's range only when it is one a sweep could have run (0 < first < last, finite).
        var curve = new LrCurve(learningRates.Select((lr, i) => new LrCurvePoint(i, lr, 2, 2)), 3);
        var result = LrCurveAnalysis.Analyze(curve, new LrFinderOptions { StartLearningRate = 1e-5, EndLearningRate = 1 });
        Assert.That((result.Options.StartLearningRate, result.Options.EndLearningRate), Is.EqualTo((1e-5, 1.0)));
    }

    [Test]
    public void One_training_epoch_is_a_valid_setting()
    {
        Assert.DoesNotThrow(new LrFinderOptions { TrainingEpochs = 1 }.Validate);
    }

    [Test]
    public void An_undefined_training_schedule_and_a_bad_bandwidth_are_refused_with_what_is_allowed()
    {
        var schedule = Assert.Throws<ArgumentOutOfRangeException>(new LrFinderOptions { TrainingSchedule = (LrTrainingSchedule)7 }.Validate);
        Assert.That(schedule!.Message, Does.StartWith("must be Constant or OneCycle."));
        var bandwidth = Assert.Throws<ArgumentOutOfRangeException>(new LrFinderOptions { LagFreeBandwidthDecades = 0 }.Validate);
        Assert.That(bandwidth!.Message, Does.StartWith("must be finite and greater than 0."));
    }

    [Test]
    public void A_warning_added_to_a_result_comes_after_the_analysis_warnings()
    {
        var result = new LrFinderResult(Curve, LrFinderStopReason.Completed, [], null, ["from the analysis"], new LrFinderOptions(), TimeSpan.Zero);
        Assert.That(result.WithWarning("from the trainer").Warnings, Is.EqualTo(new[] { "from the analysis", "from the trainer" }));
    }

    private static void AssertNull(string parameter, TestDelegate call)
    {
        var error = Assert.Throws<ArgumentNullException>(call, parameter);
        Assert.That(error?.ParamName, Is.EqualTo(parameter));
    }
}
