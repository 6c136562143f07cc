namespace Microsoft.ML.LrFinder;

/// <summary>
/// A recorded loss-versus-learning-rate curve and the window of it that the suggestion methods read.
/// </summary>
public sealed class LrCurve
{
    /// <summary>Creates a curve from recorded points.</summary>
    /// <param name="points">The recorded points, in iteration order. Not copied defensively beyond a snapshot into an array.</param>
    /// <param name="requestedIterations">
    /// The number of iterations the sweep was asked for (not the number it ran). It sets the start of the suggestion window:
    /// the first <c>requestedIterations / 10</c> points (integer division) are skipped, as fastai does.
    /// </param>
    /// <param name="lagFreeBandwidthDecades">
    /// The bandwidth of the lag-free curve's smoother, in decades of learning rate. Default
    /// <see cref="LrFinderDefaults.LagFreeBandwidthDecades"/>; must be finite and greater than 0.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="requestedIterations"/> is negative, or <paramref name="lagFreeBandwidthDecades"/> is not finite and positive.
    /// </exception>
    public LrCurve(IEnumerable<LrCurvePoint> points, int requestedIterations, double lagFreeBandwidthDecades = LrFinderDefaults.LagFreeBandwidthDecades)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(requestedIterations);
        if (!double.IsFinite(lagFreeBandwidthDecades) || lagFreeBandwidthDecades <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lagFreeBandwidthDecades), lagFreeBandwidthDecades, "must be finite and greater than 0.");
        }

        var recorded = points.ToArray();
        var lagFree = LagFreeSmoother.Smooth(
            recorded.Select(p => p.LearningRate).ToArray(),
            recorded.Select(p => p.Loss).ToArray(),
            lagFreeBandwidthDecades,
            requestedIterations / LrFinderDefaults.SkipStartDivisor);
        for (int i = 0; i < recorded.Length; i++)
        {
            recorded[i] = recorded[i] with { LagFreeLoss = lagFree[i] };
        }

        Points = recorded;
        RequestedIterations = requestedIterations;
        LagFreeBandwidthDecades = lagFreeBandwidthDecades;
        (WindowStart, WindowEnd) = ComputeWindow(recorded, requestedIterations);
    }

    /// <summary>The recorded points, in iteration order.</summary>
    public IReadOnlyList<LrCurvePoint> Points { get; }

    /// <summary>The number of iterations the sweep was asked for.</summary>
    public int RequestedIterations { get; }

    /// <summary>The bandwidth of the smoother behind <see cref="LrCurvePoint.LagFreeLoss"/>, in decades of learning rate.</summary>
    public double LagFreeBandwidthDecades { get; }

    /// <summary>Index of the first point in the suggestion window.</summary>
    public int WindowStart { get; }

    /// <summary>
    /// Index one past the last point in the suggestion window: the last <see cref="LrFinderDefaults.SkipEnd"/> points are dropped,
    /// then the window is cut at the first point whose smoothed loss is not finite or whose learning rate is not finite and positive.
    /// The window is empty when <see cref="WindowEnd"/> ≤ <see cref="WindowStart"/>.
    /// </summary>
    public int WindowEnd { get; }

    /// <summary>The number of points in the suggestion window (0 when it is empty).</summary>
    public int WindowLength => Math.Max(0, WindowEnd - WindowStart);

    private static (int Start, int End) ComputeWindow(LrCurvePoint[] points, int requestedIterations)
    {
        // fastai: skip the first num_it//10 points and the last 5 (callback/schedule.py, plot_lr_find / lr_find),
        // then cut at the first non-finite loss so a NaN never reaches a suggestion rule. A learning rate that is not
        // positive has no place on a log axis (only a curve loaded from a file can hold one), so it cuts the window too.
        int start = requestedIterations / LrFinderDefaults.SkipStartDivisor;
        int end = points.Length - LrFinderDefaults.SkipEnd;
        for (int i = start; i < end; i++)
        {
            if (!double.IsFinite(points[i].SmoothedLoss) || !double.IsFinite(points[i].LearningRate) || points[i].LearningRate <= 0)
            {
                end = i;
                break;
            }
        }

        return (start, Math.Max(start, end));
    }
}
