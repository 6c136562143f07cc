namespace Microsoft.ML.LrFinder;

/// <summary>
/// fastai's <c>steep</c>: the segment between consecutive window points with the most negative slope of the smoothed loss
/// against ln(learning rate); the suggestion is the segment's left end.
/// </summary>
/// <remarks>
/// Segments whose learning rates are equal (zero width, only possible in a curve loaded from a file) are skipped, where torch
/// would divide by zero. On a noisy curve the steepest single segment is often noise: see the diagnostics.
/// </remarks>
internal sealed class SteepMethod : ILrSuggestionMethod
{
    public string Name => "steep";

    public string Rule => "The left end of the steepest descent of the smoothed loss against ln(learning rate) between two consecutive points (fastai's steep).";

    public LrSuggestion Suggest(LrCurve curve)
    {
        var window = SuggestionWindow.Of(curve);
        int n = window.Count;
        if (n < 2)
        {
            return n == 0 ? SuggestionWindow.Empty(Name) : LrSuggestion.None(Name, "a slope needs at least 2 points in the window; it has 1.");
        }

        int best = -1;
        double bestSlope = double.NaN;
        for (int i = 0; i < n - 1; i++)
        {
            double width = Math.Log(window.LearningRates[i + 1]) - Math.Log(window.LearningRates[i]);
            double slope = (window.Losses[i + 1] - window.Losses[i]) / width;
            if (width == 0 || double.IsNaN(slope))
            {
                continue;
            }

            if (best < 0 || slope < bestSlope)
            {
                best = i;
                bestSlope = slope;
            }
        }

        if (best < 0)
        {
            return LrSuggestion.None(Name, "no two consecutive points of the window have different learning rates.");
        }

        var point = window.Points[best];
        return SuggestionWindow.Suggest(Name, point.LearningRate, point, FormattableString.Invariant(
            $"the steepest slope of the smoothed loss against ln(learning rate), {LrFormat.Number(bestSlope)}, starts at iteration {point.Iteration}, learning rate {LrFormat.LearningRate(point.LearningRate)}."));
    }
}
