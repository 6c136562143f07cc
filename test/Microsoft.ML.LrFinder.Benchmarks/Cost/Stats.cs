namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>Order statistics for repeated measurements: the median is robust to the bursts of a shared machine.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>The <paramref name="q"/> quantile with linear interpolation between order statistics.</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return double.IsPositiveInfinity(sorted[above]) && fraction > 0
            ? double.PositiveInfinity
            : sorted[below] + ((sorted[above] - sorted[below]) * fraction);
    }

    /// <summary>The geometric mean: the right average for ratios.</summary>
    public static double GeometricMean(IEnumerable<double> values)
    {
        var array = values.ToArray();
        return array.Length == 0 ? double.NaN : Math.Exp(array.Average(Math.Log));
    }
}
