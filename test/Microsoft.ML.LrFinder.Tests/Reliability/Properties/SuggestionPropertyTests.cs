using System.Globalization;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

// FsCheck supplies the arguments of every property (NUnit's analyzer only sees attributes).
#pragma warning disable NUnit1027

namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>
/// Issue 8's promise for the suggestion layer: on any curve a sweep or a file can hold, every method either suggests a
/// learning rate inside the swept range (minimum: a tenth of a point inside it, so inside [start/10, end]) read from a point
/// that lies on the curve's suggestion window, or says why it cannot; it never throws and never returns NaN.
/// </summary>
/// <remarks>Counts: <see cref="PropertyCounts"/>. Each failure's description replays the curve (shape, length, seed, options).</remarks>
public class SuggestionPropertyTests
{
    [Property(MaxTest = PropertyCounts.Curves, Arbitrary = [typeof(ReliabilityArbitraries)], QuietOnSuccess = true)]
    public void Every_method_suggests_a_rate_in_the_swept_range_from_a_point_on_the_curve_or_says_why_not(GeneratedCurve generated)
    {
        foreach (var method in LrSuggestionMethods.All)
        {
            Check(method, generated.Curve, generated.Sweep.StartLearningRate, generated.Sweep.EndLearningRate);
        }
    }

    [Property(MaxTest = PropertyCounts.RawCurves, Arbitrary = [typeof(ReliabilityArbitraries)], QuietOnSuccess = true)]
    public void Every_method_stays_on_the_window_of_any_points_the_public_curve_type_accepts(RawCurve raw)
    {
        // NaN, negative, equal or decreasing learning rates: the window only keeps finite positive ones, and a suggestion
        // must come from the window, so the range is the window's.
        var curve = raw.Curve;
        var window = Enumerable.Range(curve.WindowStart, curve.WindowLength).Select(i => curve.Points[i].LearningRate).ToArray();
        double low = window.Length > 0 ? window.Min() : double.NaN;
        double high = window.Length > 0 ? window.Max() : double.NaN;
        foreach (var method in LrSuggestionMethods.All)
        {
            Check(method, curve, low, high);
        }
    }

    [Property(MaxTest = PropertyCounts.Analyses, Arbitrary = [typeof(ReliabilityArbitraries)], QuietOnSuccess = true)]
    public void Analysing_any_curve_gives_a_result_its_report_json_and_plot_without_throwing(GeneratedCurve generated)
    {
        var result = Guard("LrCurveAnalysis.Analyze", () => LrCurveAnalysis.Analyze(generated.Curve));
        if (result.Suggestions.Count != LrSuggestionMethods.All.Count)
        {
            throw new PropertyViolation($"{result.Suggestions.Count} suggestions; expected one per built-in method.");
        }

        if (result.Selected is not { } selected || !result.Suggestions.Contains(selected) || selected.Method != "lagfree")
        {
            throw new PropertyViolation("the selected suggestion is not lagfree's suggestion from the list.");
        }

        if (result.Warnings.Any(string.IsNullOrWhiteSpace))
        {
            throw new PropertyViolation("a warning is empty.");
        }

        string report = Guard("ToString", result.ToString);
        string json = Guard("ToJson", result.ToJson);
        Guard("ToPlotModel", () => result.ToPlotModel());
        if (report.Length == 0 || json.Length == 0)
        {
            throw new PropertyViolation("the report or the JSON is empty.");
        }

        // Raw (learning rate, loss) pairs go through the sweep's own smoothing: same guarantees.
        var pairs = generated.Curve.Points.Select(p => (p.LearningRate, p.Loss)).ToArray();
        var smoothed = Guard("LrCurveAnalysis.Analyze(pairs)", () => LrCurveAnalysis.Analyze(pairs, generated.Sweep.NumberOfIterations));
        foreach (var method in LrSuggestionMethods.All)
        {
            Check(method, smoothed.Curve, generated.Sweep.StartLearningRate, generated.Sweep.EndLearningRate);
        }
    }

    internal static void Check(ILrSuggestionMethod method, LrCurve curve, double low, double high)
    {
        var suggestion = Guard(method.Name, () => method.Suggest(curve))
            ?? throw new PropertyViolation($"{method.Name} returned null.");
        if (suggestion.Method != method.Name || string.IsNullOrWhiteSpace(suggestion.Explanation))
        {
            throw new PropertyViolation($"{method.Name}: method '{suggestion.Method}', explanation '{suggestion.Explanation}'.");
        }

        if (suggestion.LearningRate is not { } learningRate)
        {
            if (suggestion.Point is not null)
            {
                throw new PropertyViolation($"{method.Name}: no suggestion, yet a point.");
            }

            return;
        }

        var point = suggestion.Point ?? throw new PropertyViolation($"{method.Name}: a suggestion without a point.");
        bool onWindow = Enumerable.Range(curve.WindowStart, curve.WindowLength).Any(i => curve.Points[i].Equals(point));
        if (!onWindow)
        {
            throw new PropertyViolation($"{method.Name}: its point {point} is not a point of the curve's window [{curve.WindowStart}, {curve.WindowEnd}).");
        }

        // minimum divides its point's rate by 10; lagfree's rate is the geometric mean of halfdrop's and its point's rate ÷ 8
        // (the constant-rate divisor, the default use), so it lies between the two; the others suggest their point's rate.
        if (ReferenceEquals(method, LrSuggestionMethods.LagFree))
        {
            double lowestLagFree = low / LrSuggestionMethods.LagFreeConstantDivisor;
            if (!double.IsFinite(learningRate) || !(learningRate >= lowestLagFree && learningRate <= Math.Max(high, point.LearningRate)))
            {
                throw new PropertyViolation(string.Create(CultureInfo.InvariantCulture, $"lagfree: {learningRate:R} is outside [{lowestLagFree:R}, {high:R}]."));
            }

            return;
        }

        double divisor = ReferenceEquals(method, LrSuggestionMethods.Minimum) ? 10 : 1;
        double expected = point.LearningRate / divisor;
        double lowest = low / divisor;
        if (!double.IsFinite(learningRate) || learningRate <= 0 || !learningRate.Equals(expected))
        {
            throw new PropertyViolation(string.Create(CultureInfo.InvariantCulture, $"{method.Name}: suggests {learningRate:R}, expected {expected:R} from its point {point}."));
        }

        if (!(learningRate >= lowest && learningRate <= high))
        {
            throw new PropertyViolation(string.Create(CultureInfo.InvariantCulture, $"{method.Name}: {learningRate:R} is outside [{lowest:R}, {high:R}]."));
        }
    }

    internal static T Guard<T>(string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is not PropertyViolation)
        {
            throw new PropertyViolation($"{what} threw {ex.GetType().Name}: {ex.Message}");
        }
    }
}
