namespace Microsoft.ML.LrFinder;

/// <summary>
/// What a sweep produced: the curve, why it stopped, every suggestion with the point it came from, the selected learning rate
/// and warnings. Plots, CSV and JSON files and the CLI are views of this object.
/// </summary>
public sealed class LrFinderResult
{
    /// <summary>Creates a result. Sweeps and <c>LrCurveAnalysis</c> build results; use this for curves recorded elsewhere.</summary>
    /// <param name="curve">The recorded curve.</param>
    /// <param name="stopReason">Why the sweep ended.</param>
    /// <param name="suggestions">Every suggestion, in the order the methods ran.</param>
    /// <param name="selected">The selected suggestion (one of <paramref name="suggestions"/>), or null when none was selected.</param>
    /// <param name="warnings">Diagnostics in words.</param>
    /// <param name="options">The options of the sweep (copied).</param>
    /// <param name="elapsed">The wall time of the sweep.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LrFinderResult(
        LrCurve curve,
        LrFinderStopReason stopReason,
        IEnumerable<LrSuggestion> suggestions,
        LrSuggestion? selected,
        IEnumerable<string> warnings,
        LrFinderOptions options,
        TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(options);
        Curve = curve;
        StopReason = stopReason;
        Suggestions = suggestions.ToArray();
        Selected = selected;
        Warnings = warnings.ToArray();
        Options = options.Clone();
        Elapsed = elapsed;
    }

    /// <summary>This result with <paramref name="warning"/> added after its warnings.</summary>
    internal LrFinderResult WithWarning(string warning) =>
        new(Curve, StopReason, Suggestions, Selected, Warnings.Append(warning), Options, Elapsed);

    /// <summary>The recorded curve and its suggestion window.</summary>
    public LrCurve Curve { get; }

    /// <summary>Why the sweep ended.</summary>
    public LrFinderStopReason StopReason { get; }

    /// <summary>The number of iterations that ran (recorded points).</summary>
    public int IterationsRun => Curve.Points.Count;

    /// <summary>Every suggestion, in the order the methods ran, including those without a value.</summary>
    public IReadOnlyList<LrSuggestion> Suggestions { get; }

    /// <summary>The suggestion of the selector method; null when nothing was selected.</summary>
    public LrSuggestion? Selected { get; }

    /// <summary>The selected learning rate; null when the selector made no suggestion.</summary>
    public double? SelectedLearningRate => Selected?.LearningRate;

    /// <summary>Diagnostics in words that help a user act (for example "the loss never decreased").</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The options of the sweep.</summary>
    public LrFinderOptions Options { get; }

    /// <summary>The wall time of the sweep.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// A one-line summary: the selected learning rate, the rule that chose it and the curve it read, why the sweep stopped and
    /// how many warnings there are. The full text report is <c>result.ToText()</c> (<c>LrFinderReport.ToText</c>, docs/plot-and-report.md).
    /// </summary>
    /// <returns>The summary, for example <c>selected 2.1e-3 by lagfree on the lag-free curve; Completed after 100 of 100 iterations; 0 warnings</c>.</returns>
    public override string ToString()
    {
        string selection = Selected switch
        {
            { LearningRate: { } rate } selected =>
                $"selected {LrFormat.LearningRate(rate)} by {selected.Method} on the {(selected.Curve == LrLossCurve.LagFree ? "lag-free" : "smoothed")} curve",
            { } selected => $"{selected.Method} made no suggestion",
            null => "nothing selected",
        };
        return FormattableString.Invariant(
            $"{selection}; {StopReason} after {IterationsRun} of {Curve.RequestedIterations} iterations; {Warnings.Count} warning{(Warnings.Count == 1 ? string.Empty : "s")}");
    }
}
