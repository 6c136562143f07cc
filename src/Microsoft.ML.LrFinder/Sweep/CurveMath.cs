namespace Microsoft.ML.LrFinder;

/// <summary>Small numeric helpers over a curve (the lag-free smoother and the suggestion rules), with numpy's conventions where the rules come from numpy.</summary>
internal static class CurveMath
{
    /// <summary>The index of the smallest value; ties go to the first, as numpy's and torch's argmin.</summary>
    public static int ArgMin(IReadOnlyList<double> values, int start = 0, int end = -1)
    {
        end = end < 0 ? values.Count : end;
        int best = start;
        for (int i = start + 1; i < end; i++)
        {
            if (values[i] < values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The index of the largest value; ties go to the first.</summary>
    public static int ArgMax(IReadOnlyList<double> values, int start, int end)
    {
        int best = start;
        for (int i = start + 1; i < end; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// numpy.gradient with unit spacing: central differences <c>(v[i+1] − v[i−1]) / 2</c> inside, one-sided differences
    /// <c>v[1] − v[0]</c> and <c>v[n−1] − v[n−2]</c> at the ends. Needs at least 2 values.
    /// </summary>
    public static double[] Gradient(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var gradient = new double[n];
        gradient[0] = values[1] - values[0];
        gradient[n - 1] = values[n - 1] - values[n - 2];
        for (int i = 1; i < n - 1; i++)
        {
            gradient[i] = (values[i + 1] - values[i - 1]) / 2;
        }

        return gradient;
    }

    /// <summary>A centred running median; the window shrinks symmetrically near the ends so the first and last values stay.</summary>
    public static double[] RunningMedian(IReadOnlyList<double> values, int halfWidth) =>
        Running(values, halfWidth, window =>
        {
            // Every window is centred (Running): 2·half + 1 points, an odd count, so the median is the middle value.
            Array.Sort(window);
            return window[window.Length / 2];
        });

    /// <summary>A centred running mean; the window shrinks symmetrically near the ends.</summary>
    public static double[] RunningMean(IReadOnlyList<double> values, int halfWidth) =>
        Running(values, halfWidth, window => window.Average());

    private static double[] Running(IReadOnlyList<double> values, int halfWidth, Func<double[], double> reduce)
    {
        int n = values.Count;
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Symmetric so that a trend is not shifted: a one-sided window near the ends would drag them toward the middle.
            int half = Math.Min(halfWidth, Math.Min(i, n - 1 - i));
            var window = new double[(2 * half) + 1];
            for (int k = 0; k < window.Length; k++)
            {
                window[k] = values[i - half + k];
            }

            result[i] = reduce(window);
        }

        return result;
    }
}
