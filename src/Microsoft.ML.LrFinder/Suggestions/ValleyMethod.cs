namespace Microsoft.ML.LrFinder;

/// <summary>
/// fastai's <c>valley</c> (from ESRI's arcgis.learn): the longest strictly decreasing subsequence of the smoothed loss in the
/// window, and the point a third plus a sixth of the way into it.
/// </summary>
/// <remarks>
/// With <c>end</c> the first index where the longest decreasing subsequence ends, <c>length</c> its length,
/// <c>start = end − length</c> and <c>s = (end − start) / 3</c>, the suggestion is the point at <c>start + ⌊s⌋ + ⌊s/2⌋</c>.
/// Two cases differ from fastai, whose Python indexing turns −1 into the last point: when the loss never decreases
/// (length 1, which includes a single point) there is no suggestion, and a two-point run starting at the first point
/// (index −1) suggests the first point.
/// </remarks>
internal sealed class ValleyMethod : ILrSuggestionMethod
{
    public string Name => "valley";

    public string Rule =>
        "The point a third plus a sixth of the way into the longest run over which the smoothed loss keeps decreasing (fastai's valley, from ESRI).";

    public LrSuggestion Suggest(LrCurve curve)
    {
        var window = SuggestionWindow.Of(curve);
        if (window.Count == 0)
        {
            return SuggestionWindow.Empty(Name);
        }

        var lengths = DecreasingRunLengths(window.Losses);
        int end = 0;
        for (int i = 1; i < lengths.Length; i++)
        {
            if (lengths[i] > lengths[end])
            {
                end = i;
            }
        }

        if (lengths[end] < 2)
        {
            return LrSuggestion.None(Name, "the smoothed loss never decreases in the suggestion window.");
        }

        int start = end - lengths[end];
        double sections = (end - start) / 3.0;
        int index = Math.Clamp(start + (int)sections + (int)(sections / 2), 0, window.Count - 1);
        var point = window.Points[index];
        return SuggestionWindow.Suggest(Name, point.LearningRate, point, FormattableString.Invariant(
            $"the longest decreasing run of the smoothed loss spans iterations {window.Points[start + 1].Iteration} to {window.Points[end].Iteration} ({lengths[end]} points); valley takes the point about halfway along it (start + ⌊s⌋ + ⌊s/2⌋, s = a third of its length): iteration {point.Iteration}, learning rate {LrFormat.LearningRate(point.LearningRate)}."));
    }

    /// <summary>
    /// For each point, the length of the longest strictly decreasing subsequence ending there — fastai's quadratic
    /// double loop, computed in O(n log n): <c>tails[k]</c> holds the largest possible last loss of a decreasing
    /// subsequence of length k + 1, so the length ending at a point is one more than the number of tails above its loss.
    /// </summary>
    internal static int[] DecreasingRunLengths(IReadOnlyList<double> losses)
    {
        var lengths = new int[losses.Count];
        var tails = new List<double>();
        for (int i = 0; i < losses.Count; i++)
        {
            double loss = losses[i];

            // tails is strictly decreasing: find the first tail that is not above this loss.
            int low = 0;
            int high = tails.Count;
            while (low < high)
            {
                int mid = (low + high) / 2;
                if (tails[mid] > loss)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            if (low == tails.Count)
            {
                tails.Add(loss);
            }
            else
            {
                tails[low] = loss;
            }

            lengths[i] = low + 1;
        }

        return lengths;
    }
}
