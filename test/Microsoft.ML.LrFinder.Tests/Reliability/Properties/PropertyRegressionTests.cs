namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>The counter-examples the properties found, pinned so that they stay fixed whatever seed FsCheck draws.</summary>
public class PropertyRegressionTests
{
    // Found by The_schedule_of_any_valid_options_is_monotone_and_hits_both_ends_exactly: end/start overflowed to infinity,
    // so every learning rate between the ends was infinite (5e-324 to 1), or one ulp of rounding pushed start·ratio past
    // double.MaxValue. Both ranges pass LrFinderOptions.Validate.
    [TestCase(double.Epsilon, 1.0, 1895)]
    [TestCase(1e-308, double.MaxValue, 100)]
    [TestCase(1.7976931348623155E+308, double.MaxValue, 209)]
    public void An_exponential_schedule_over_any_valid_range_stays_finite_monotone_and_inside_it(double start, double end, int iterations)
    {
        var sweep = new LrSweep(new LrFinderOptions { StartLearningRate = start, EndLearningRate = end, NumberOfIterations = iterations });
        var learningRates = Enumerable.Range(0, iterations).Select(sweep.LearningRateAt).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(learningRates, Has.All.InRange(start, end));
            Assert.That(learningRates, Is.Ordered);
            Assert.That(learningRates[0], Is.EqualTo(start));
            Assert.That(learningRates[^1], Is.EqualTo(end));
        });
    }
}
