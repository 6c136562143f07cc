namespace Microsoft.ML.LrFinder;

/// <summary>
/// A zero-phase smoother of the raw sweep losses: the curve our own suggestion rules read. Unlike the debiased moving average
/// (which the sweep needs online, for its stop rule, and fastai's rules read), it has no lag: the sweep is recorded before
/// any rule runs, so every point can be smoothed with its neighbours on both sides.
/// </summary>
/// <remarks>
/// <para>Three steps, each chosen against a failure of the moving average or of a plain centred mean:</para>
/// <list type="number">
/// <item>A centred running median of 3 points removes single-batch spikes without moving an edge of the curve.</item>
/// <item>
/// The divergent tail is cut off: from the first point after the lowest one whose median-filtered loss is above the highest
/// one before it (the plateau the sweep started from), training has broken down, and those points get NaN. Both are looked
/// for after the first points the suggestion window skips, whose losses are the noisiest (a first batch can be far below
/// the plateau that follows it). A backward pass
/// or a wide window that reached into the blow-up would otherwise spread values thousands of times the minimum over the
/// good part of the curve, and even values merely capped at the plateau drag the minimum upward.
/// </item>
/// <item>
/// A local linear regression with Gaussian weights in log10(learning rate), with a bandwidth in decades: it reproduces any
/// curve that is linear in log(learning rate) exactly, so a steady fall is not shifted, not even at the first and last
/// points (where a plain centred mean would be pulled toward the middle). Working in decades, not points, makes the result
/// independent of the number of iterations.
/// </item>
/// </list>
/// <para>
/// Points from the first non-finite loss or learning rate on are left out and get NaN: a sweep that met a NaN or ∞ loss
/// trained nothing after it.
/// </para>
/// </remarks>
internal static class LagFreeSmoother
{
    /// <summary>The half-width of the spike-removing running median, in points.</summary>
    internal const int MedianHalfWidth = 1;

    /// <summary>Points farther than this many bandwidths away get no weight (exp(−4.5) ≈ 1%).</summary>
    private const double KernelReach = 3;

    /// <summary>Smooths <paramref name="losses"/> recorded at <paramref name="learningRates"/>.</summary>
    /// <param name="learningRates">The learning rate of each point.</param>
    /// <param name="losses">The raw loss of each point, in the same order.</param>
    /// <param name="bandwidthDecades">The standard deviation of the Gaussian weights, in decades of learning rate; must be positive.</param>
    /// <param name="skippedPoints">The leading points the suggestion window skips: not used to find the divergent tail.</param>
    /// <returns>One value per point; NaN from the first non-finite loss or invalid learning rate on, and in the divergent tail.</returns>
    public static double[] Smooth(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses, double bandwidthDecades, int skippedPoints = 0)
    {
        int n = Math.Min(learningRates.Count, losses.Count);
        var smoothed = new double[losses.Count];
        Array.Fill(smoothed, double.NaN);
        int usable = UsableCount(learningRates, losses, n);
        if (usable == 0)
        {
            return smoothed;
        }

        var x = new double[usable];
        var y = new double[usable];
        for (int i = 0; i < usable; i++)
        {
            x[i] = Math.Log10(learningRates[i]);
            y[i] = losses[i];
        }

        var filtered = CurveMath.RunningMedian(y, MedianHalfWidth);
        int trained = BeforeDivergentTail(filtered, Math.Clamp(skippedPoints, 0, usable - 1));
        x = x[..trained];
        filtered = filtered[..trained];
        for (int i = 0; i < trained; i++)
        {
            smoothed[i] = LocalLinear(x, filtered, i, bandwidthDecades);
        }

        return smoothed;
    }

    private static int UsableCount(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses, int n)
    {
        int count = 0;
        while (count < n && double.IsFinite(losses[count]) && double.IsFinite(learningRates[count]) && learningRates[count] > 0)
        {
            count++;
        }

        return count;
    }

    /// <summary>The number of leading points before the first one after the minimum that rises above the starting plateau.</summary>
    private static int BeforeDivergentTail(double[] values, int start)
    {
        int lowest = CurveMath.ArgMin(values, start);
        double plateau = values[CurveMath.ArgMax(values, start, lowest + 1)];
        int end = lowest + 1;
        while (end < values.Length && !(values[end] > plateau))
        {
            end++;
        }

        return end;
    }

    /// <summary>The value at <c>x[at]</c> of the weighted least-squares line through the neighbours of point <paramref name="at"/>.</summary>
    private static double LocalLinear(double[] x, double[] y, int at, double bandwidth)
    {
        double centre = x[at];
        double sumW = 0, sumWx = 0, sumWy = 0, sumWxx = 0, sumWxy = 0;
        for (int j = 0; j < x.Length; j++)
        {
            double d = (x[j] - centre) / bandwidth;
            if (Math.Abs(d) > KernelReach)
            {
                continue;
            }

            double w = Math.Exp(-0.5 * d * d);
            double dx = x[j] - centre;
            sumW += w;
            sumWx += w * dx;
            sumWy += w * y[j];
            sumWxx += w * dx * dx;
            sumWxy += w * dx * y[j];
        }

        // Centred on x[at], the fitted line's value there is its intercept. With one point in reach (or all at one learning
        // rate) the slope is undefined and the weighted mean is the answer.
        double determinant = (sumW * sumWxx) - (sumWx * sumWx);
        if (!(determinant > 1e-12 * sumW * sumW * bandwidth * bandwidth))
        {
            return sumWy / sumW;
        }

        return ((sumWxx * sumWy) - (sumWx * sumWxy)) / determinant;
    }
}
