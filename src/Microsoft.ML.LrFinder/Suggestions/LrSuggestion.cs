namespace Microsoft.ML.LrFinder;

/// <summary>
/// What one suggestion method made of a curve: the learning rate it suggests and the curve point it read it from,
/// or no suggestion and the reason why.
/// </summary>
public sealed class LrSuggestion
{
    private LrSuggestion(string method, double? learningRate, LrCurvePoint? point, string explanation, LrLossCurve curve)
    {
        Method = method;
        LearningRate = learningRate;
        Point = point;
        Explanation = explanation;
        Curve = curve;
    }

    /// <summary>The name of the method that produced this suggestion, for example <c>valley</c>.</summary>
    public string Method { get; }

    /// <summary>The suggested learning rate; null when the method could not make a suggestion. Never NaN.</summary>
    public double? LearningRate { get; }

    /// <summary>
    /// The point of the curve the suggestion is read from. For most methods its learning rate equals <see cref="LearningRate"/>;
    /// <c>minimum</c> reports the loss minimum here and suggests a tenth of its learning rate.
    /// Null when there is no suggestion.
    /// </summary>
    public LrCurvePoint? Point { get; }

    /// <summary>One line in words: how the value was obtained, or why there is none.</summary>
    public string Explanation { get; }

    /// <summary>The curve the rule read <see cref="Point"/> on: the plot marks the point on that curve.</summary>
    public LrLossCurve Curve { get; }

    /// <summary>The loss of <see cref="Point"/> on <see cref="Curve"/>; NaN when there is no point.</summary>
    public double PointLoss => Point is not { } point ? double.NaN : Curve == LrLossCurve.LagFree ? point.LagFreeLoss : point.SmoothedLoss;

    /// <summary>Whether the method produced a learning rate.</summary>
    public bool HasValue => LearningRate.HasValue;

    /// <summary>Creates a suggestion.</summary>
    /// <param name="method">The method's name.</param>
    /// <param name="learningRate">The suggested learning rate: finite and positive.</param>
    /// <param name="point">The curve point the value is read from.</param>
    /// <param name="explanation">One line saying how the value was obtained.</param>
    /// <param name="curve">The curve the rule read the point on; default <see cref="LrLossCurve.Smoothed"/>.</param>
    /// <returns>A suggestion with a value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not finite and positive.</exception>
    public static LrSuggestion At(string method, double learningRate, LrCurvePoint point, string explanation, LrLossCurve curve = LrLossCurve.Smoothed)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!double.IsFinite(learningRate) || learningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "must be finite and greater than 0.");
        }

        return new LrSuggestion(method, learningRate, point, explanation ?? string.Empty, curve);
    }

    /// <summary>Creates a "no suggestion" result.</summary>
    /// <param name="method">The method's name.</param>
    /// <param name="reason">Why the method could not suggest a value.</param>
    /// <returns>A suggestion without a value.</returns>
    public static LrSuggestion None(string method, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        return new LrSuggestion(method, null, null, reason ?? string.Empty, LrLossCurve.Smoothed);
    }

    /// <inheritdoc />
    public override string ToString() =>
        LearningRate is { } lr
            ? $"{Method} {LrFormat.LearningRate(lr)}: {Explanation}"
            : $"{Method}: no suggestion ({Explanation})";
}
