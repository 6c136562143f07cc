namespace Microsoft.ML.LrFinder;

/// <summary>
/// fastai's <c>slide</c> (from Novetta's work on the learning-rate finder): walk left from the end of the window while the loss
/// gradient at a point and 15 points to its left differ by more than 0.005; the suggestion is the left point where the walk stops.
/// </summary>
/// <remarks>
/// The gradient is numpy's <c>gradient</c> over the smoothed losses with unit spacing (per point, not per learning rate).
/// With <c>n</c> points, <c>r = n − 1</c> and <c>l = r − 15</c>; the suggestion starts at <c>l</c> and, while
/// <c>l ≥ 0</c> and <c>|g[r] − g[l]| &gt; 0.005</c>, becomes <c>l</c> and both indices move one left. fastai plots the loss
/// interpolated at the suggestion in log10 of the learning rate; as the suggestion is a recorded learning rate, that is the
/// recorded point. The threshold is in loss units, so the rule depends on the scale of the loss. Fewer than 16 points: no
/// suggestion (fastai raises an index error).
/// </remarks>
internal sealed class SlideMethod : ILrSuggestionMethod
{
    internal const int Interval = 15;
    internal const double Threshold = 0.005;

    public string Name => "slide";

    public string Rule => FormattableString.Invariant(
        $"Walking left from the end, the last point whose loss gradient differs by more than {LrFormat.Number(Threshold)} from the gradient {Interval} points to its right (fastai's slide, from Novetta).");

    public LrSuggestion Suggest(LrCurve curve)
    {
        var window = SuggestionWindow.Of(curve);
        int n = window.Count;
        if (n < Interval + 1)
        {
            return n == 0
                ? SuggestionWindow.Empty(Name)
                : LrSuggestion.None(Name, FormattableString.Invariant(
                    $"the rule compares gradients {Interval} points apart and needs at least {Interval + 1} points in the window; it has {n}."));
        }

        var gradient = CurveMath.Gradient(window.Losses);
        int right = n - 1;
        int left = right - Interval;
        int index = left;
        int moves = 0;
        while (left >= 0 && Math.Abs(gradient[right] - gradient[left]) > Threshold)
        {
            index = left;
            right--;
            left--;
            moves++;
        }

        var point = window.Points[index];
        string how = left < 0
            ? "the gradients differed all the way to the start of the window"
            : moves == 0
                ? FormattableString.Invariant($"the gradients {Interval} points apart already agree within {LrFormat.Number(Threshold)} at the end of the window")
                : FormattableString.Invariant($"walking left from the end, the gradients {Interval} points apart differed by more than {LrFormat.Number(Threshold)} down to iteration {window.Points[index].Iteration}");
        return SuggestionWindow.Suggest(Name, point.LearningRate, point, FormattableString.Invariant(
            $"{how}; learning rate {LrFormat.LearningRate(point.LearningRate)}."));
    }
}
