using System.Globalization;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// The phrases the plot, the text report and the <c>lrfind</c> tool write about a result: a suggestion's label, why the
/// sweep stopped, the suggestion window. Their numbers come from <see cref="LrFormat"/>, so a number on the plot is
/// character for character the number in the reports and in the explanations the suggestion methods write.
/// </summary>
public static class LrReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A power of ten as an axis label, for example <c>1e-7</c> or <c>1e0</c>; other values as <see cref="LrFormat.LearningRate"/> writes them.</summary>
    internal static string AxisLearningRate(double value)
    {
        if (value > 0 && double.IsFinite(value))
        {
            double exponent = Math.Round(Math.Log10(value));
            if (Math.Abs(value / Math.Pow(10, exponent) - 1) < 1e-9)
            {
                return "1e" + exponent.ToString("0", Invariant);
            }
        }

        return LrFormat.LearningRate(value);
    }

    /// <summary>
    /// How many times smaller (positive) or larger (negative) the suggested learning rate is than its point's,
    /// when that is a whole number other than 1; otherwise 0.
    /// </summary>
    internal static int WholeRatio(LrSuggestion suggestion)
    {
        if (suggestion.LearningRate is not { } lr || suggestion.Point is not { } point || !(point.LearningRate > 0))
        {
            return 0;
        }

        double ratio = point.LearningRate / lr;
        if (IsWhole(ratio, out int divisor) && divisor > 1)
        {
            return divisor;
        }

        return IsWhole(1 / ratio, out int multiplier) && multiplier > 1 ? -multiplier : 0;
    }

    /// <summary>Whether the suggested learning rate is the learning rate of the point it was read from.</summary>
    internal static bool IsAtPoint(LrSuggestion suggestion) =>
        suggestion.LearningRate is { } lr && suggestion.Point is { } point && lr == point.LearningRate;

    /// <summary>
    /// The label of a suggestion as the plot shows it: <c>valley 2.1e-3</c>, or, when the value is not the point's learning rate,
    /// <c>minimum/10 = 8e-3 (loss minimum at 8e-2)</c>. Null for a suggestion without a value.
    /// </summary>
    /// <param name="suggestion">The suggestion.</param>
    /// <returns>The label, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="suggestion"/> is null.</exception>
    public static string? SuggestionLabel(LrSuggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        if (suggestion.LearningRate is not { } lr)
        {
            return null;
        }

        if (suggestion.Point is not { } point || IsAtPoint(suggestion))
        {
            return $"{suggestion.Method} {LrFormat.LearningRate(lr)}";
        }

        int ratio = WholeRatio(suggestion);
        double halves = point.LearningRate / lr * 2;
        string derivation = ratio switch
        {
            > 1 => FormattableString.Invariant($"{suggestion.Method}/{ratio}"),
            < -1 => FormattableString.Invariant($"{suggestion.Method}×{-ratio}"),
            // A divisor such as 2.5 (the lag-free rule's for a one-cycle peak) is shown as it is.
            _ when IsWhole(halves, out int twice) => FormattableString.Invariant($"{suggestion.Method}/{LrFormat.Number(twice / 2.0)}"),
            _ => suggestion.Method,
        };
        return $"{derivation} = {LrFormat.LearningRate(lr)} ({PointName(suggestion.Method)} at {LrFormat.LearningRate(point.LearningRate)})";
    }

    /// <summary>What the point a method reads is called, for labels.</summary>
    internal static string PointName(string method) => method switch
    {
        "minimum" => "loss minimum",
        "lagfree" => "lag-free minimum",
        "steep" => "steepest descent",
        _ => method + " point",
    };

    /// <summary>Why the sweep ended, in one sentence, for example <c>Completed: all 100 requested iterations ran.</c></summary>
    /// <param name="result">The result.</param>
    /// <returns>The sentence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string StopReason(LrFinderResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var points = result.Curve.Points;
        string where = points.Count == 0
            ? string.Empty
            : $" at iteration {points[^1].Iteration.ToString(Invariant)} (learning rate {LrFormat.LearningRate(points[^1].LearningRate)})";
        return result.StopReason switch
        {
            LrFinderStopReason.Completed => $"Completed: all {result.Curve.RequestedIterations.ToString(Invariant)} requested iterations ran.",
            LrFinderStopReason.Diverged =>
                $"Stopped early: the loss diverged{where}; the smoothed loss exceeded {LrFormat.Number(result.Options.DivergenceThreshold)}× its best value.",
            LrFinderStopReason.NonFiniteLoss => $"Stopped early: the loss became NaN or infinite{where}.",
            LrFinderStopReason.Cancelled => $"Stopped early: the sweep was cancelled{where}.",
            LrFinderStopReason.AsRecorded => "As recorded: the curve was analysed as loaded; no sweep ran.",
            _ => result.StopReason.ToString(),
        };
    }

    /// <summary>Whether the sweep ended before its last requested iteration.</summary>
    internal static bool StoppedEarly(LrFinderStopReason reason) =>
        reason is LrFinderStopReason.Diverged or LrFinderStopReason.NonFiniteLoss or LrFinderStopReason.Cancelled;

    /// <summary>The suggestion window in words, for example <c>points 10 to 94 (learning rate 6.4e-7 to 1.2e+0)</c>.</summary>
    /// <param name="curve">The curve.</param>
    /// <returns>The words.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curve"/> is null.</exception>
    public static string Window(LrCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.WindowLength == 0)
        {
            return "empty: no point of the curve could be used";
        }

        var first = curve.Points[curve.WindowStart];
        var last = curve.Points[curve.WindowEnd - 1];
        return $"points {first.Iteration.ToString(Invariant)} to {last.Iteration.ToString(Invariant)} " +
            $"(learning rate {LrFormat.LearningRate(first.LearningRate)} to {LrFormat.LearningRate(last.LearningRate)})";
    }

    private static bool IsWhole(double value, out int whole)
    {
        whole = 0;
        if (!double.IsFinite(value) || value < 1.5 || value > 1e6)
        {
            return false;
        }

        double rounded = Math.Round(value);
        whole = (int)rounded;
        return Math.Abs(value - rounded) <= 1e-9 * rounded;
    }
}
