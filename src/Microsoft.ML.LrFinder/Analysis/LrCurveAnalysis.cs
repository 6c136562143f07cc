namespace Microsoft.ML.LrFinder;

/// <summary>
/// Suggestions and warnings for a curve recorded elsewhere (a CSV file, another tool), without running a sweep. The result's
/// stop reason is <see cref="LrFinderStopReason.AsRecorded"/> and the curve is taken whole: no divergence truncation.
/// </summary>
public static class LrCurveAnalysis
{
    /// <summary>Analyses a sweep's record: the path every live sweep takes from the engine to its result.</summary>
    /// <param name="record">The record of a sweep (<see cref="LrSweep.ToRecord"/>); its options choose the methods and the selector.</param>
    /// <returns>The result, with the record's stop reason and elapsed time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static LrFinderResult Analyze(LrSweepRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return LrResultBuilder.Build(record);
    }

    /// <summary>Analyses a curve whose points already hold the raw and the smoothed loss.</summary>
    /// <param name="curve">The curve; its suggestion window is used as it is.</param>
    /// <param name="options">
    /// The suggestion methods and selector to use; default null: every built-in method, lagfree selected. The result's copy
    /// describes the curve: its iteration count is the curve's requested iterations, its range the curve's first and last
    /// learning rate and its lag-free bandwidth the curve's (<see cref="LrCurve.LagFreeBandwidthDecades"/>, which the
    /// curve's lag-free losses were computed with; the option's own bandwidth is not used here).
    /// </param>
    /// <returns>The result, with stop reason <see cref="LrFinderStopReason.AsRecorded"/> and zero elapsed time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="curve"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    /// <exception cref="ArgumentException"><see cref="LrFinderOptions.SuggestionMethods"/> is empty or contains null.</exception>
    public static LrFinderResult Analyze(LrCurve curve, LrFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var settings = (options ?? new LrFinderOptions()).Clone();
        settings.Validate();
        Describe(settings, curve);
        return LrResultBuilder.Build(curve, LrFinderStopReason.AsRecorded, settings, TimeSpan.Zero);
    }

    /// <summary>Analyses (learning rate, loss) pairs, smoothing the loss first unless it is already smoothed.</summary>
    /// <param name="points">The recorded pairs in iteration order; they are numbered from 0.</param>
    /// <param name="requestedIterations">
    /// The number of iterations the sweep was asked for; the first <c>requestedIterations / 10</c> points are left out of the
    /// suggestion window. Must be at least 0; pass the number of points when unknown.
    /// </param>
    /// <param name="lossIsSmoothed">
    /// True when the losses are already smoothed (fastai's recorder and our CSV's <c>smoothed_loss</c> column are); they are
    /// then used as both the raw and the smoothed loss. Default false: they are smoothed with the debiased moving average of
    /// <see cref="LrFinderOptions.SmoothingBeta"/>.
    /// </param>
    /// <param name="options">As in <see cref="Analyze(LrCurve, LrFinderOptions?)"/>; also supplies the smoothing β.</param>
    /// <returns>The result, with stop reason <see cref="LrFinderStopReason.AsRecorded"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requestedIterations"/> is negative, or an option is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="LrFinderOptions.SuggestionMethods"/> is empty or contains null.</exception>
    public static LrFinderResult Analyze(
        IEnumerable<(double LearningRate, double Loss)> points,
        int requestedIterations,
        bool lossIsSmoothed = false,
        LrFinderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(requestedIterations);
        var settings = (options ?? new LrFinderOptions()).Clone();
        settings.Validate();

        var smoothing = new DebiasedMovingAverage(settings.SmoothingBeta);
        var recorded = points.Select((point, i) => new LrCurvePoint(
            i, point.LearningRate, point.Loss, lossIsSmoothed ? point.Loss : smoothing.Add(point.Loss)));
        return Analyze(new LrCurve(recorded.ToArray(), requestedIterations, settings.LagFreeBandwidthDecades), settings);
    }

    private static void Describe(LrFinderOptions settings, LrCurve curve)
    {
        // The copy in the result should describe the curve, not the defaults of a sweep that never ran; it is a record,
        // so it is not validated again (a recorded curve may have a single point).
        settings.NumberOfIterations = curve.RequestedIterations;
        settings.LagFreeBandwidthDecades = curve.LagFreeBandwidthDecades;
        if (curve.Points.Count > 0)
        {
            double first = curve.Points[0].LearningRate;
            double last = curve.Points[^1].LearningRate;
            if (double.IsFinite(first) && double.IsFinite(last) && first > 0 && last > first)
            {
                settings.StartLearningRate = first;
                settings.EndLearningRate = last;
            }
        }
    }
}
