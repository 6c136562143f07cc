namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// A rule family the replay compares with the default (docs/benchmarks.md). Smith's anchor on the lag-free curve: the largest learning rate at which training still converges (the last point right of
/// the minimum before the loss climbs back a given fraction of its drop), divided by a constant.
/// </summary>
internal sealed class ConvergenceEdgeMethod : ILrSuggestionMethod
{
    public ConvergenceEdgeMethod(string name, double rise, double divisor)
    {
        Name = name;
        Rise = rise;
        Divisor = divisor;
    }

    public string Name { get; }

    public double Rise { get; }

    public double Divisor { get; }

    public string Rule => FormattableString.Invariant(
        $"The largest learning rate before the lag-free loss climbs back {LrFormat.Number(Rise * 100)}% of its fall, divided by {LrFormat.Number(Divisor)}.");

    public LrSuggestion Suggest(LrCurve curve)
    {
        var window = LagFreeWindow.Of(curve);
        if (!window.Decreases)
        {
            return window.NoSuggestion(Name);
        }

        int edge = EdgeIndex(window, Rise);
        var point = window.Points[edge];
        double learningRate = point.LearningRate / Divisor;
        return LrSuggestion.At(Name, learningRate, point, FormattableString.Invariant(
            $"training still converges up to learning rate {LrFormat.LearningRate(point.LearningRate)} (the lag-free loss has not climbed back {LrFormat.Number(Rise * 100)}% of its fall); divided by {LrFormat.Number(Divisor)}: {LrFormat.LearningRate(learningRate)}."),
            LrLossCurve.LagFree);
    }

    /// <summary>The last index at or after the minimum whose loss is below the minimum plus <paramref name="rise"/> of the drop.</summary>
    internal static int EdgeIndex(LagFreeWindow window, double rise)
    {
        double ceiling = window.Losses[window.Minimum] + (rise * window.Drop);
        int edge = window.Minimum;
        while (edge + 1 < window.Count && window.Losses[edge + 1] < ceiling)
        {
            edge++;
        }

        return edge;
    }
}
