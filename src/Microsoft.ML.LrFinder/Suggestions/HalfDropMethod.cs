namespace Microsoft.ML.LrFinder;

/// <summary>
/// Our rule for noisy curves: on a lightly denoised copy of the smoothed loss, the first point left of the minimum where the
/// loss has covered half of its drop from the highest point before the minimum.
/// </summary>
/// <remarks>
/// <para>
/// Denoising is a centred running median over 5 points (it removes single-batch spikes without shifting the curve) followed
/// by a centred running mean over 3 points; both work on point indices, which are evenly spaced in log learning rate under
/// the exponential schedule. With <c>m</c> the first minimum of the denoised loss <c>D</c> and <c>a</c> the first maximum of
/// <c>D</c> at or before <c>m</c>, the level is <c>D[m] + (D[a] − D[m]) / 2</c> and the suggestion is the first point
/// after <c>a</c> with <c>D ≤ level</c>. It reads a level crossing, not a derivative, so one noisy step cannot move it far,
/// and it always lies left of the minimum, where training still improves.
/// </para>
/// <para>
/// The explanation also says whether valley, steep and a tenth of the minimum agree with it within a factor of 3.
/// </para>
/// </remarks>
internal sealed class HalfDropMethod : ILrSuggestionMethod
{
    internal const int MedianHalfWidth = 2;
    internal const int MeanHalfWidth = 1;
    internal const int MinimumPoints = 3;
    internal const double AgreementFactor = 3;

    public string Name => "halfdrop";

    public string Rule =>
        "On the lightly denoised smoothed loss, the first point left of the minimum where the loss has fallen halfway from its highest point before the minimum to the minimum.";

    public LrSuggestion Suggest(LrCurve curve)
    {
        var window = SuggestionWindow.Of(curve);
        int n = window.Count;
        if (n < MinimumPoints)
        {
            return n == 0
                ? SuggestionWindow.Empty(Name)
                : LrSuggestion.None(Name, FormattableString.Invariant($"the rule needs at least {MinimumPoints} points in the window; it has {n}."));
        }

        var denoised = CurveMath.RunningMean(CurveMath.RunningMedian(window.Losses, MedianHalfWidth), MeanHalfWidth);
        int minimum = CurveMath.ArgMin(denoised);
        int top = CurveMath.ArgMax(denoised, 0, minimum + 1);
        double drop = denoised[top] - denoised[minimum];
        double level = denoised[minimum] + (drop / 2);
        if (!(drop > 0) || !double.IsFinite(level))
        {
            return LrSuggestion.None(Name, "the denoised loss never decreases in the suggestion window.");
        }

        int index = top + 1;
        while (index < minimum && !(denoised[index] <= level))
        {
            index++;
        }

        var point = window.Points[index];
        return SuggestionWindow.Suggest(Name, point.LearningRate, point, FormattableString.Invariant(
            $"the denoised loss falls from {LrFormat.Loss(denoised[top])} to {LrFormat.Loss(denoised[minimum])} and is halfway down at learning rate {LrFormat.LearningRate(point.LearningRate)}; {Agreement(curve, point.LearningRate)}."));
    }

    private static string Agreement(LrCurve curve, double learningRate)
    {
        var agree = new List<string>();
        var disagree = new List<string>();
        foreach (var other in new[] { LrSuggestionMethods.Valley, LrSuggestionMethods.Steep, LrSuggestionMethods.Minimum })
        {
            if (other.Suggest(curve).LearningRate is not { } value)
            {
                continue;
            }

            double ratio = Math.Max(value, learningRate) / Math.Min(value, learningRate);
            (ratio <= AgreementFactor ? agree : disagree).Add($"{other.Name} {LrFormat.LearningRate(value)}");
        }

        string within = LrFormat.Number(AgreementFactor) + "x";
        return (agree.Count, disagree.Count) switch
        {
            (0, 0) => "no other rule made a suggestion",
            (_, 0) => $"agrees within {within} with {string.Join(", ", agree)}",
            (0, _) => $"agrees with none of {string.Join(", ", disagree)}",
            _ => $"agrees within {within} with {string.Join(", ", agree)}; not with {string.Join(", ", disagree)}",
        };
    }
}
