namespace Microsoft.ML.LrFinder.Tests.Analysis;

/// <summary>The curves and the diagnose call the diagnostics tests share (<c>LrCurveDiagnosticsTests</c>, <c>LrCurveDiagnosticsWordingTests</c>).</summary>
internal static class DiagnosticsCurves
{
    /// <summary>The warnings for <paramref name="curve"/> stopped by <paramref name="reason"/>, with valley's suggestion selected.</summary>
    public static IReadOnlyList<string> Diagnose(LrCurve curve, LrFinderStopReason reason)
    {
        var suggestions = new[] { LrSuggestionMethods.Valley.Suggest(curve) };
        return LrCurveDiagnostics.Diagnose(curve, reason, suggestions, suggestions[0]);
    }

    /// <summary>A curve of these smoothed (and raw) losses at rates from 1e-6, ten points a decade.</summary>
    public static LrCurve Curve(IEnumerable<double> smoothed, int requested = 0) =>
        new(smoothed.Select((loss, i) => new LrCurvePoint(i, 1e-6 * Math.Pow(10, i / 10.0), loss, loss)), requested);

    /// <summary>Falls from 2.3 to 0.3 around point 40, then rises: the shape a good sweep gives.</summary>
    public static LrCurve Bowl() =>
        Curve(Enumerable.Range(0, 80).Select(i => 0.3 + (2.0 / (1 + Math.Exp((i - 40) / 5.0))) + (i > 55 ? 0.1 * (i - 55) : 0)), requested: 100);
}
