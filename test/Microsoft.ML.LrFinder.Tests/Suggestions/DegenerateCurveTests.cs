using FsCheck;
using FsCheck.Fluent;

namespace Microsoft.ML.LrFinder.Tests.Suggestions;

/// <summary>No method may throw, return NaN or read outside the curve, whatever the curve.</summary>
public class DegenerateCurveTests
{
    private static readonly double[] Empty = [];

    public static IEnumerable<TestCaseData> Curves()
    {
        static TestCaseData Case(string name, LrCurve curve) => new TestCaseData(curve).SetArgDisplayNames(name);

        yield return Case("empty", new LrCurve([], 100));
        for (int n = 1; n <= 6; n++)
        {
            yield return Case($"{n} window points", TestCurves.Window(Enumerable.Range(0, n).Select(i => 3.0 - i).ToArray()));
            yield return Case($"{n} recorded points", new LrCurve(Enumerable.Range(0, n).Select(i => new LrCurvePoint(i, 1e-3 * (i + 1), 1, 1)), 100));
        }

        yield return Case("flat", TestCurves.Window(Enumerable.Repeat(2.0, 40).ToArray()));
        yield return Case("monotone up", TestCurves.Window(Enumerable.Range(0, 40).Select(i => 1.0 + i).ToArray()));
        yield return Case("monotone down", TestCurves.Window(Enumerable.Range(0, 40).Select(i => 40.0 - i).ToArray()));
        yield return Case("negative", TestCurves.Window(Enumerable.Range(0, 40).Select(i => -100.0 + Math.Abs(i - 20)).ToArray()));
        yield return Case("NaN first", TestCurves.Window(double.NaN, 1, 2, 3));
        yield return Case("NaN-laced", TestCurves.Window(Enumerable.Range(0, 40).Select(i => i % 7 == 3 ? double.NaN : 5.0 - (0.1 * i)).ToArray()));
        yield return Case("+inf", TestCurves.Window(3, 2, double.PositiveInfinity, 1));
        yield return Case("-inf", TestCurves.Window(3, double.NegativeInfinity, 2, 1));
        yield return Case("extremes", TestCurves.Window(Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? double.MaxValue : -double.MaxValue).ToArray()));
        yield return Case("tiny", TestCurves.Window(Enumerable.Range(0, 40).Select(i => double.Epsilon * (40 - i)).ToArray()));
        yield return Case("equal LRs", TestCurves.Window(Enumerable.Range(0, 20).Select(i => 20.0 - i).ToArray(), Enumerable.Repeat(1e-3, 25).ToArray()));
        yield return Case("zero LR", TestCurves.Window([3, 2, 1], [0, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]));
        yield return Case("negative LRs", TestCurves.Window([3, 2, 1, 0], Enumerable.Range(0, 9).Select(i => -1.0 - i).ToArray()));
        yield return Case("LR overflow", TestCurves.Window([3, 2, 1, 0], [1e-300, double.MaxValue, 1e-300, double.MaxValue, 1, 1, 1, 1, 1]));
        yield return Case("decreasing LRs", TestCurves.Window(Enumerable.Range(0, 20).Select(i => 20.0 - i).ToArray(), Enumerable.Range(0, 25).Select(i => 1.0 / (i + 1)).ToArray()));
    }

    [TestCaseSource(nameof(Curves))]
    public void Every_method_gives_a_valid_suggestion_or_a_reason(LrCurve curve)
    {
        foreach (var method in LrSuggestionMethods.All)
        {
            AssertValid(method, curve);
        }
    }

    // FsCheck supplies the arguments (NaN and infinities included), which NUnit's analyzer cannot see.
#pragma warning disable NUnit1027
    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Any_curve_gives_a_valid_suggestion_or_a_reason(double[] losses, double[] learningRates, byte requested)
    {
        int n = Math.Min(losses.Length, learningRates.Length);
        var curve = new LrCurve(Enumerable.Range(0, n).Select(i => new LrCurvePoint(i, learningRates[i], losses[i], losses[i])), requested);
        foreach (var method in LrSuggestionMethods.All)
        {
            AssertValid(method, curve);
        }

        return true.ToProperty();
    }
#pragma warning restore NUnit1027

    [Test]
    public void Nothing_is_suggested_on_an_empty_window()
    {
        var curve = TestCurves.Window(Empty);
        Assert.That(LrSuggestionMethods.All.Select(m => m.Suggest(curve).HasValue), Has.All.False);
    }

    [Test]
    public void A_flat_or_rising_curve_gives_valley_no_suggestion()
    {
        // fastai would index −1 here, which Python turns into the last point of the window: the highest loss.
        Assert.That(LrSuggestionMethods.Valley.Suggest(TestCurves.Window(Enumerable.Repeat(2.0, 20).ToArray())).HasValue, Is.False);
        Assert.That(LrSuggestionMethods.Valley.Suggest(TestCurves.Window(1, 2, 3, 4, 5, 6)).HasValue, Is.False);
    }

    private static void AssertValid(ILrSuggestionMethod method, LrCurve curve)
    {
        LrSuggestion suggestion = null!;
        Assert.DoesNotThrow(() => suggestion = method.Suggest(curve), method.Name);
        Assert.That(suggestion.Method, Is.EqualTo(method.Name));
        Assert.That(suggestion.Explanation, Is.Not.Empty, method.Name);
        if (suggestion.LearningRate is { } lr)
        {
            Assert.That(double.IsFinite(lr) && lr > 0, Is.True, $"{method.Name}: {lr}");
            Assert.That(suggestion.Point, Is.Not.Null, method.Name);
            Assert.That(curve.Points, Does.Contain(suggestion.Point!.Value), method.Name);
        }
        else
        {
            Assert.That(suggestion.Point, Is.Null, method.Name);
        }
    }
}
