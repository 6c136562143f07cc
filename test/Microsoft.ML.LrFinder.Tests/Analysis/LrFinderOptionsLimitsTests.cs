namespace Microsoft.ML.LrFinder.Tests.Analysis;

/// <summary>
/// The finder's options at the edges of their ranges: the smallest valid value of each is accepted (docs/errors.md lists
/// the refusals), and a copy of the options is the sweep's own.
/// </summary>
public class LrFinderOptionsLimitsTests
{
    [Test]
    public void The_smallest_valid_value_of_every_option_is_accepted()
    {
        // Each limit from LrFinderOptions.Validate: iterations ≥ 2, start > 0 (the smallest positive double), end > start
        // (the next double up), β in [0, 1) (0: no smoothing), threshold > 1, bandwidth > 0.
        var options = new LrFinderOptions
        {
            NumberOfIterations = 2,
            StartLearningRate = double.Epsilon,
            EndLearningRate = double.Epsilon * 2,
            SmoothingBeta = 0,
            DivergenceThreshold = 1.0000001,
            LagFreeBandwidthDecades = 1e-9,
            TrainingSchedule = LrTrainingSchedule.OneCycle,
            SuggestionMethods = [LrSuggestionMethods.Valley],
        };
        Assert.DoesNotThrow(options.Validate);
    }

    [TestCase(double.NegativeInfinity, nameof(LrFinderOptions.StartLearningRate))]
    [TestCase(-1e-3, nameof(LrFinderOptions.StartLearningRate))]
    public void A_start_that_is_not_positive_and_finite_is_named(double start, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(new LrFinderOptions { StartLearningRate = start }.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(name));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(0.0)]
    public void A_bandwidth_that_is_not_positive_and_finite_is_named(double bandwidth)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(new LrFinderOptions { LagFreeBandwidthDecades = bandwidth }.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrFinderOptions.LagFreeBandwidthDecades)));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void A_divergence_threshold_that_is_not_finite_is_named(double threshold)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(new LrFinderOptions { DivergenceThreshold = threshold }.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrFinderOptions.DivergenceThreshold)));
    }

    [Test]
    public void An_undefined_training_schedule_is_named()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(new LrFinderOptions { TrainingSchedule = (LrTrainingSchedule)5 }.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrFinderOptions.TrainingSchedule)));
    }

    [Test]
    public void The_sweep_settings_carry_every_option_the_engine_reads()
    {
        var options = new LrFinderOptions
        {
            StartLearningRate = 1e-6, EndLearningRate = 2, NumberOfIterations = 17, Schedule = LrSchedule.Linear,
            SmoothingBeta = 0.5, DivergenceThreshold = 3, StopOnDivergence = false, LagFreeBandwidthDecades = 0.4,
        };
        Assert.That(options.SweepSettings(), Is.EqualTo(new LrSweepSettings(1e-6, 2, 17, LrSchedule.Linear, 0.5, 3, false, 0.4)));
    }
}
