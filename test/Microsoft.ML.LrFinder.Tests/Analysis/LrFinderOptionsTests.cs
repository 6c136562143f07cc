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

    [Test]
    public void A_faces_options_receive_every_sweep_setting()
    {
        // Every public setting of LrFinderOptions, set away from its default, must reach a face's options: a setting the copy
        // forgot (as TrainingEpochs once was) silently falls back to its default in the benchmarks' sweeps.
        var source = new LrFinderOptions
        {
            StartLearningRate = 1e-5,
            EndLearningRate = 3,
            NumberOfIterations = 42,
            Schedule = LrSchedule.Linear,
            SmoothingBeta = 0.9,
            DivergenceThreshold = 6,
            StopOnDivergence = false,
            TrainingSchedule = LrTrainingSchedule.OneCycle,
            TrainingEpochs = 30,
            LagFreeBandwidthDecades = 0.5,
            SuggestionMethods = [LrSuggestionMethods.Valley],
            Selector = LrSuggestionMethods.Valley,
            Seed = 7,
        };
        var copy = source.CopyTo(new TorchSharpLrFinderOptions());
        var settings = typeof(LrFinderOptions).GetProperties().Where(p => p.CanWrite && p.DeclaringType == typeof(LrFinderOptions)).ToArray();
        var defaults = new LrFinderOptions();
        Assert.Multiple(() =>
        {
            foreach (var setting in settings)
            {
                Assert.That(setting.GetValue(source), Is.Not.EqualTo(setting.GetValue(defaults)), $"the test sets {setting.Name}");
                Assert.That(setting.GetValue(copy), Is.EqualTo(setting.GetValue(source)), setting.Name);
            }
        });
    }
}
