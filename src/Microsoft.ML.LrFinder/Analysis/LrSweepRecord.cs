namespace Microsoft.ML.LrFinder;

/// <summary>
/// What the sweep engine produces and nothing more: the recorded curve, why the sweep stopped, its wall time and its settings.
/// <see cref="LrCurveAnalysis.Analyze(LrSweepRecord)"/> turns a record into an <see cref="LrFinderResult"/> (suggestions,
/// selection, warnings); a live sweep and a saved curve take the same path (docs/architecture.md).
/// </summary>
public sealed class LrSweepRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="curve">The recorded curve.</param>
    /// <param name="stopReason">Why the sweep ended.</param>
    /// <param name="elapsed">The wall time of the sweep.</param>
    /// <param name="options">The settings of the sweep (copied).</param>
    /// <exception cref="ArgumentNullException"><paramref name="curve"/> or <paramref name="options"/> is null.</exception>
    public LrSweepRecord(LrCurve curve, LrFinderStopReason stopReason, TimeSpan elapsed, LrFinderOptions options)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(options);
        Curve = curve;
        StopReason = stopReason;
        Elapsed = elapsed;
        Options = options.Clone();
    }

    /// <summary>The recorded curve.</summary>
    public LrCurve Curve { get; }

    /// <summary>Why the sweep ended.</summary>
    public LrFinderStopReason StopReason { get; }

    /// <summary>The wall time of the sweep.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The settings of the sweep.</summary>
    public LrFinderOptions Options { get; }
}
