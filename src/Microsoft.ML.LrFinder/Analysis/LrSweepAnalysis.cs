namespace Microsoft.ML.LrFinder;

/// <summary>Analysis of a sweep driven by hand (<see cref="LrSweep"/>): the record, analysed as every sweep's is.</summary>
public static class LrSweepAnalysis
{
    /// <summary>
    /// Ends the sweep if it has not stopped (<see cref="LrFinderStopReason.EndOfData"/>) and analyses its record: the curve, the stop
    /// reason, every suggestion, the selector's suggestion and the warnings.
    /// </summary>
    /// <param name="sweep">The sweep.</param>
    /// <returns>The result of the sweep.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sweep"/> is null.</exception>
    public static LrFinderResult BuildResult(this LrSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return LrCurveAnalysis.Analyze(sweep.ToRecord());
    }
}
