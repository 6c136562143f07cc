using System.Globalization;

namespace Microsoft.ML.LrFinder.Tests.Sweep;

/// <summary>
/// Every number the reports, warnings and plot labels show goes through <see cref="LrFormat"/>: these are the spellings users
/// read (and tools parse) in the text report and the CSV/JSON files.
/// </summary>
public class LrFormatTests
{
    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "∞")]
    [TestCase(double.NegativeInfinity, "-∞")]
    public void Non_finite_numbers_are_written_the_same_way_by_every_formatter(double value, string text)
    {
        Assert.That(LrFormat.LearningRate(value), Is.EqualTo(text));
        Assert.That(LrFormat.Loss(value), Is.EqualTo(text));
        Assert.That(LrFormat.Number(value), Is.EqualTo(text));
    }

    // Four significant digits (.NET's "G4"): ln 2 = 0.693147…, ln 10 = 2.302585…; a large loss switches to exponent form.
    [TestCase(0.6931471805599453, "0.6931")]
    [TestCase(2.302585092994046, "2.303")]
    [TestCase(-1.25, "-1.25")]
    [TestCase(123456.0, "1.235E+05")]
    public void Losses_have_four_significant_digits(double loss, string text) =>
        Assert.That(LrFormat.Loss(loss), Is.EqualTo(text));

    // Three significant digits (.NET's "G3"), the examples of LrFormat.Number's documentation.
    [TestCase(2.5, "2.5")]
    [TestCase(-0.031249, "-0.0312")]
    [TestCase(12345.0, "1.23E+04")]
    public void Other_numbers_have_three_significant_digits(double value, string text) =>
        Assert.That(LrFormat.Number(value), Is.EqualTo(text));

    [Test]
    public void Numbers_are_written_in_the_invariant_culture_whatever_the_current_one()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.That(LrFormat.LearningRate(0.0025), Is.EqualTo("2.5e-3"));
            Assert.That(LrFormat.Loss(0.5), Is.EqualTo("0.5"));
            Assert.That(LrFormat.Number(2.5), Is.EqualTo("2.5"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
