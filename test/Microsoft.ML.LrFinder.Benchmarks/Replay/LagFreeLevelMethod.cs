namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// A rule family the replay compares with the default (docs/benchmarks.md): on the lag-free curve, the first point left of the minimum where the loss has covered a given fraction of its drop from the
/// highest point before the minimum, times a multiplier (never past the minimum).
/// </summary>
internal sealed class LagFreeLevelMethod : ILrSuggestionMethod
{
    public LagFreeLevelMethod(string name, double fraction, double multiplier)
    {
        Name = name;
        Fraction = fraction;
        Multiplier = multiplier;
    }

    public string Name { get; }

    public double Fraction { get; }

    public double Multiplier { get; }

    public string Rule => FormattableString.Invariant(
        $"On the lag-free loss, the first point where it has covered {LrFormat.Number(Fraction * 100)}% of its fall to the minimum, times {LrFormat.Number(Multiplier)}.");

    public LrSuggestion Suggest(LrCurve curve)
    {
        var window = LagFreeWindow.Of(curve);
        if (!window.Decreases)
        {
            return window.NoSuggestion(Name);
        }

        double level = window.Losses[window.Top] - (Fraction * window.Drop);
        var point = window.Points[FirstAtOrBelow(window, level)];
        double learningRate = Math.Min(point.LearningRate * Multiplier, window.Points[window.Minimum].LearningRate);
        return LrSuggestion.At(Name, learningRate, point, FormattableString.Invariant(
            $"the lag-free loss falls from {LrFormat.Loss(window.Losses[window.Top])} to {LrFormat.Loss(window.Losses[window.Minimum])} and has covered {LrFormat.Number(Fraction * 100)}% of it at learning rate {LrFormat.LearningRate(point.LearningRate)}; times {LrFormat.Number(Multiplier)}: {LrFormat.LearningRate(learningRate)}."),
            LrLossCurve.LagFree);
    }

    /// <summary>The first index after the window's top and at most its minimum whose loss is at or below <paramref name="level"/>.</summary>
    private static int FirstAtOrBelow(LagFreeWindow window, double level)
    {
        int index = Math.Min(window.Top + 1, window.Minimum);
        while (index < window.Minimum && !(window.Losses[index] <= level))
        {
            index++;
        }

        return index;
    }
}
