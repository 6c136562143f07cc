namespace Microsoft.ML.LrFinder;

/// <summary>
/// The part of a curve our own rules read: the lag-free loss over the suggestion window that every rule reads
/// (<see cref="LrCurve.WindowStart"/> to <see cref="LrCurve.WindowEnd"/>), up to the last point where it is defined (the
/// lag-free curve ends before a divergent tail).
/// </summary>
internal sealed class LagFreeWindow
{
    private LagFreeWindow(LrCurvePoint[] points)
    {
        Points = points;
        Losses = points.Select(p => p.LagFreeLoss).ToArray();
        if (points.Length > 0)
        {
            Minimum = CurveMath.ArgMin(Losses);
            Top = CurveMath.ArgMax(Losses, 0, Minimum + 1);
        }
    }

    public LrCurvePoint[] Points { get; }

    public double[] Losses { get; }

    public int Count => Points.Length;

    /// <summary>The index of the lowest lag-free loss (ties: the first).</summary>
    public int Minimum { get; }

    /// <summary>The index of the highest lag-free loss at or before <see cref="Minimum"/> (ties: the first).</summary>
    public int Top { get; }

    /// <summary>How far the loss falls from <see cref="Top"/> to <see cref="Minimum"/>; 0 when it never falls.</summary>
    public double Drop => Count == 0 ? 0 : Losses[Top] - Losses[Minimum];

    /// <summary>Whether the loss falls at all: every rule of ours suggests on such a curve.</summary>
    public bool Decreases => Drop > 0 && double.IsFinite(Drop);

    public static LagFreeWindow Of(LrCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);

        // The suggestion window's learning rates are finite and positive (LrCurve.WindowEnd); only the lag-free loss can end it.
        var points = Enumerable.Range(curve.WindowStart, curve.WindowLength)
            .Select(i => curve.Points[i])
            .TakeWhile(point => double.IsFinite(point.LagFreeLoss));
        return new LagFreeWindow([.. points]);
    }

    /// <summary>The "no suggestion" of a rule when this window is empty or the loss never falls in it.</summary>
    public LrSuggestion NoSuggestion(string method) => Count == 0
        ? LrSuggestion.None(method, "the lag-free curve has no point in the suggestion window (too few points, or the loss was non-finite early).")
        : LrSuggestion.None(method, "the lag-free loss never decreases in the suggestion window.");
}
