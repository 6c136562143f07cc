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
    /// A plain-text report: why the sweep stopped, the iterations run, the suggestion window, each suggestion with its rule and
    /// the point it was read from, the selected one and the warnings. Numbers are printed exactly as the plot labels them.
    /// </summary>
    /// <returns>The report, several lines long.</returns>
    public override string ToString() => Reporting.LrTextReport.Create(this);
}
