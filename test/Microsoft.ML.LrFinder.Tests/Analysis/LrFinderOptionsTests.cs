namespace Microsoft.ML.LrFinder.Tests.Analysis;

public class LrFinderOptionsTests
{
    [Test]
    public void Defaults_are_fastais()
    {
        // fastai callback/schedule.py: lr_find(start_lr=1e-7, end_lr=10, num_it=100, stop_div=True), beta 0.98 in Recorder.
        var options = new LrFinderOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.StartLearningRate, Is.EqualTo(1e-7));
            Assert.That(options.EndLearningRate, Is.EqualTo(10));
            Assert.That(options.NumberOfIterations, Is.EqualTo(100));
            Assert.That(options.Schedule, Is.EqualTo(LrSchedule.Exponential));
            Assert.That(options.SmoothingBeta, Is.EqualTo(0.98));
            Assert.That(options.DivergenceThreshold, Is.EqualTo(4));
        });
        Assert.DoesNotThrow(options.Validate);
    }

    [TestCase(1)]
    [TestCase(0)]
    [TestCase(-5)]
    public void Fewer_than_two_iterations_is_rejected_naming_the_parameter(int iterations)
    {
        var options = new LrFinderOptions { NumberOfIterations = iterations };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrFinderOptions.NumberOfIterations)));
    }

    [TestCase(1e-3, 1e-3)]
    [TestCase(1.0, 1e-3)]
    public void Start_not_below_end_is_rejected_naming_the_end(double start, double end)
    {
        var options = new LrFinderOptions { StartLearningRate = start, EndLearningRate = end };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrFinderOptions.EndLearningRate)));
    }
}
