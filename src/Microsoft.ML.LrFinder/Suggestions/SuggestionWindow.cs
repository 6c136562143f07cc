namespace Microsoft.ML.LrFinder;

/// <summary>The points of a curve's suggestion window, and the arrays the rules read: learning rates and smoothed losses.</summary>
/// <remarks>Every learning rate in it is finite and positive and every smoothed loss finite (<see cref="LrCurve.WindowEnd"/>).</remarks>
internal sealed class SuggestionWindow
{
    private SuggestionWindow(LrCurvePoint[] points)
    {
        Points = points;
        LearningRates = points.Select(p => p.LearningRate).ToArray();
        Losses = points.Select(p => p.SmoothedLoss).ToArray();
    }

    public LrCurvePoint[] Points { get; }

    public double[] LearningRates { get; }

    /// <summary>The smoothed losses: every fastai rule reads the smoothed curve, as its recorder stores it.</summary>
    public double[] Losses { get; }

    public int Count => Points.Length;

    public static SuggestionWindow Of(LrCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var points = new LrCurvePoint[curve.WindowLength];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = curve.Points[curve.WindowStart + i];
        }

        return new SuggestionWindow(points);
    }

    /// <summary>A suggestion, or "no suggestion" when the value could not be a learning rate (never NaN, never an exception).</summary>
    public static LrSuggestion Suggest(string method, double learningRate, LrCurvePoint point, string explanation) =>
        Suggest(method, learningRate, point, LrLossCurve.Smoothed, explanation);

    /// <summary>As above, for a rule that read <paramref name="curve"/>.</summary>
    public static LrSuggestion Suggest(string method, double learningRate, LrCurvePoint point, LrLossCurve curve, string explanation) =>
        double.IsFinite(learningRate) && learningRate > 0
            ? LrSuggestion.At(method, learningRate, point, explanation, curve)
            : LrSuggestion.None(method, FormattableString.Invariant($"the rule gave {learningRate}, which is not a learning rate."));

    public static LrSuggestion Empty(string method) =>
        LrSuggestion.None(method, "the suggestion window is empty (too few points, or the loss was non-finite early).");
}
