namespace Microsoft.ML.LrFinder.Tests.Suggestions;

/// <summary>
/// <see cref="LrSuggestion"/> is public: a custom rule builds its results with <see cref="LrSuggestion.At"/> and
/// <see cref="LrSuggestion.None"/>, and the selection, plot and reports trust what they hold.
/// </summary>
public class LrSuggestionTests
{
    private static readonly LrCurvePoint Point = new(12, 2e-3, 1.5, 1.25, LagFreeLoss: 1.125);

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(0.0)]
    [TestCase(-1e-3)]
    public void A_suggestion_must_be_a_learning_rate_finite_and_above_zero(double learningRate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LrSuggestion.At("custom", learningRate, Point, "by hand."));
        Assert.That(error!.ParamName, Is.EqualTo("learningRate"));
        Assert.That(error.Message, Does.StartWith("must be finite and greater than 0."));
    }

    [Test]
    public void A_suggestion_needs_the_name_of_its_method()
    {
        Assert.Throws<ArgumentException>(() => LrSuggestion.At(string.Empty, 1e-3, Point, "by hand."));
        Assert.Throws<ArgumentNullException>(() => LrSuggestion.At(null!, 1e-3, Point, "by hand."));
        Assert.Throws<ArgumentException>(() => LrSuggestion.None(string.Empty, "no reason."));
    }

    [Test]
    public void A_missing_explanation_or_reason_is_empty_not_null()
    {
        Assert.That(LrSuggestion.At("custom", 1e-3, Point, null!).Explanation, Is.Empty);
        Assert.That(LrSuggestion.None("custom", null!).Explanation, Is.Empty);
    }

    [Test]
    public void The_point_loss_is_read_on_the_curve_the_rule_read()
    {
        Assert.That(LrSuggestion.At("custom", 1e-3, Point, "x").PointLoss, Is.EqualTo(1.25), "smoothed by default");
        Assert.That(LrSuggestion.At("custom", 1e-3, Point, "x", LrLossCurve.LagFree).PointLoss, Is.EqualTo(1.125));
        Assert.That(LrSuggestion.None("custom", "x").PointLoss, Is.NaN);
    }

    [Test]
    public void ToString_gives_the_method_the_rate_and_the_explanation_or_the_reason()
    {
        Assert.That(LrSuggestion.At("valley", 2.5e-3, Point, "the longest decreasing run.").ToString(),
            Is.EqualTo("valley 2.5e-3: the longest decreasing run."));
        Assert.That(LrSuggestion.None("slide", "too few points.").ToString(), Is.EqualTo("slide: no suggestion (too few points.)"));
    }
}
