namespace Microsoft.ML.LrFinder.Tests.Plotting;

/// <summary>
/// Results built by hand, shaped like real sweeps: a loss that is flat at small learning rates, falls, bottoms out and blows
/// up, with seeded noise, smoothed with fastai's debiased moving average (β = 0.98) and stopped at 4× the best smoothed loss.
/// The suggestions are placed by simple rules here; the plot and reports only need their values and points.
/// </summary>
internal static class SyntheticResults
{
    public const int RequestedIterations = 100;

    public static LrCurvePoint[] UShapedPoints(int seed = 7, bool stopOnDivergence = true)
    {
        var random = new Random(seed);
        var points = new List<LrCurvePoint>();
        double average = 0;
        double best = double.PositiveInfinity;
        for (int i = 0; i < RequestedIterations; i++)
        {
            double lr = 1e-7 * Math.Pow(1e8, i / (double)(RequestedIterations - 1));
            double x = Math.Log10(lr);
            double clean = 0.30 + (2.0 / (1 + Math.Exp(2.0 * (x + 4.5)))) + (0.1 * Math.Exp(4.0 * (x + 1.5)));
            double noise = 1 + (0.06 * Gaussian(random));
            double loss = clean * noise;
            average = (0.98 * average) + (0.02 * loss);
            double smoothed = average / (1 - Math.Pow(0.98, i + 1));
            points.Add(new LrCurvePoint(i, lr, loss, smoothed));
            best = Math.Min(best, smoothed);
            if (stopOnDivergence && smoothed > 4 * best)
            {
                break;
            }
        }

        return [.. points];
    }

    /// <summary>A U-shaped sweep that diverged, with valley, slide, minimum (a tenth of the minimum's LR) and steep.</summary>
    public static LrFinderResult Diverged(int seed = 7, string selector = "valley")
    {
        var curve = new LrCurve(UShapedPoints(seed), RequestedIterations);
        var suggestions = StandardSuggestions(curve);
        return new LrFinderResult(
            curve,
            LrFinderStopReason.Diverged,
            suggestions,
            suggestions.FirstOrDefault(s => s.Method == selector),
            [Disagreement(suggestions)],
            new LrFinderOptions(),
            TimeSpan.FromSeconds(12));
    }

    public static List<LrSuggestion> StandardSuggestions(LrCurve curve)
    {
        var window = Enumerable.Range(curve.WindowStart, curve.WindowLength).Select(i => curve.Points[i]).ToArray();
        var minimum = window.MinBy(p => p.SmoothedLoss);
        int steepestIndex = Enumerable.Range(1, window.Length - 1)
            .MinBy(i => (window[i].SmoothedLoss - window[i - 1].SmoothedLoss) / Math.Log10(window[i].LearningRate / window[i - 1].LearningRate));
        var steepest = window[steepestIndex];
        int minimumIndex = Array.IndexOf(window, minimum);
        var valley = window[steepestIndex + ((minimumIndex - steepestIndex) * 2 / 3)];
        var slide = window[steepestIndex + ((minimumIndex - steepestIndex) * 5 / 6)];
        return
        [
            LrSuggestion.At("valley", valley.LearningRate, valley, "two thirds down the longest valley of the smoothed loss."),
            LrSuggestion.At("slide", slide.LearningRate, slide, "where the loss stops sliding down, read back from the end."),
            LrSuggestion.At("minimum", minimum.LearningRate / 10, minimum, "the lowest smoothed loss, at learning rate lr, suggests lr / 10."),
            LrSuggestion.At("steep", steepest.LearningRate, steepest, "the steepest descent of the smoothed loss."),
        ];
    }

    private static string Disagreement(List<LrSuggestion> suggestions)
    {
        var lowest = suggestions.MinBy(s => s.LearningRate)!;
        var highest = suggestions.MaxBy(s => s.LearningRate)!;
        return FormattableString.Invariant(
            $"The suggestions disagree by more than 10x ({lowest.Method} {lowest.LearningRate:0.##e+0}, {highest.Method} {highest.LearningRate:0.##e+0}): look at the plot before choosing.");
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
