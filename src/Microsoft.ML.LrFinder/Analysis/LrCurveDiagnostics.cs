namespace Microsoft.ML.LrFinder;

/// <summary>
/// Reads what went wrong with a sweep off its curve and says, in words, what to change. Pure: the same curve, stop reason and
/// suggestions always give the same warnings.
/// </summary>
internal static class LrCurveDiagnostics
{
    /// <summary>
    /// The lowest smoothed loss in the suggestion window must be this fraction of |first loss| below the window's first loss to
    /// count as a decrease.
    /// </summary>
    internal const double MinimumRelativeDecrease = 0.01;

    /// <summary>A sweep that stops within the first <c>1/EarlyStopDivisor</c> of its iterations stopped too early.</summary>
    internal const int EarlyStopDivisor = 10;

    /// <summary>A curve whose minimum lies within its last <c>1/LateMinimumDivisor</c> of points was still falling.</summary>
    internal const int LateMinimumDivisor = 10;

    /// <summary>The window needs this many points before its noise is judged.</summary>
    internal const int MinimumPointsForNoise = 10;

    /// <summary>
    /// When the steepest single step of the smoothed loss is more than this many times as steep as the steepest step of the
    /// lightly denoised curve (the one halfdrop reads), the steepest step is mostly noise. On a clean curve denoising barely
    /// changes the slopes (a ratio near 1).
    /// </summary>
    internal const double NoisySlopeRatio = 2;

    /// <summary>Suggestions further apart than this factor disagree.</summary>
    internal const double DisagreementFactor = 10;

    public static IReadOnlyList<string> Diagnose(
        LrCurve curve, LrFinderStopReason stopReason, IReadOnlyList<LrSuggestion> suggestions, LrSuggestion? selected)
    {
        var warnings = new List<string>();
        var points = curve.Points;
        if (points.Count == 0)
        {
            warnings.Add("The sweep recorded no point: nothing can be suggested.");
            return warnings;
        }

        AddEarlyStop(warnings, curve, stopReason);
        AddNeverDecreased(warnings, curve);
        AddNeverDiverged(warnings, points, stopReason);
        if (curve.WindowLength == 0)
        {
            warnings.Add(FormattableString.Invariant(
                $"No point is left for the suggestion methods: of {points.Count} points they skip the first {curve.RequestedIterations / LrFinderDefaults.SkipStartDivisor}, the last {LrFinderDefaults.SkipEnd} and any after a non-finite loss. Run more iterations or widen the range."));
        }

        AddNoisy(warnings, curve);
        AddDisagreement(warnings, suggestions);
        if (selected is { HasValue: false })
        {
            warnings.Add($"The selected method ({selected.Method}) made no suggestion: {selected.Explanation}");
        }

        return warnings;
    }

    private static void AddEarlyStop(List<string> warnings, LrCurve curve, LrFinderStopReason stopReason)
    {
        var points = curve.Points;
        bool blewUp = stopReason is LrFinderStopReason.Diverged or LrFinderStopReason.NonFiniteLoss;
        if (blewUp && (long)points.Count * EarlyStopDivisor <= curve.RequestedIterations)
        {
            string how = stopReason == LrFinderStopReason.Diverged ? "diverged" : "became non-finite";
            warnings.Add(FormattableString.Invariant(
                $"The loss {how} after {points.Count} of {curve.RequestedIterations} iterations (within the first 10% of the range), at learning rate {LrFormat.LearningRate(points[^1].LearningRate)}: lower StartLearningRate."));
        }
    }

    private static void AddNeverDecreased(List<string> warnings, LrCurve curve)
    {
        // Judged on the window the rules read and the plot draws solid, not from point 0: a sweep's first point is one batch,
        // and the moving average starts at it, so a lucky first batch could sit below a loss that then fell by a fifth inside
        // the window. Only a curve with no window is judged on all the points it trained through.
        var points = curve.Points;
        bool inWindow = curve.WindowLength >= 2;
        int start = inWindow ? curve.WindowStart : 0;
        int end = inWindow ? curve.WindowEnd : FiniteCount(points);
        if (end - start < 2)
        {
            return;
        }

        double first = points[start].SmoothedLoss;
        double lowest = Enumerable.Range(start, end - start).Min(i => points[i].SmoothedLoss);
        if (!(first - lowest > MinimumRelativeDecrease * Math.Abs(first)))
        {
            string where = inWindow ? " in the suggestion window" : string.Empty;
            warnings.Add(FormattableString.Invariant(
                $"The loss never decreased{where} (its lowest smoothed value, {LrFormat.Loss(lowest)}, is not 1% below the first, {LrFormat.Loss(first)}): the start learning rate is too high, or the model has already converged. Lower StartLearningRate, or check the model and data."));
        }
    }

    private static void AddNeverDiverged(List<string> warnings, IReadOnlyList<LrCurvePoint> points, LrFinderStopReason stopReason)
    {
        int count = FiniteCount(points);
        if (stopReason is not (LrFinderStopReason.Completed or LrFinderStopReason.AsRecorded) || count < 2)
        {
            return;
        }

        int lowest = CurveMath.ArgMin(points.Select(point => point.SmoothedLoss).ToArray(), 0, count);
        int lateStart = count - Math.Max(1, count / LateMinimumDivisor);
        if (lowest >= lateStart)
        {
            warnings.Add(FormattableString.Invariant(
                $"The loss never turned upward: it was lowest at the end of the range (learning rate {LrFormat.LearningRate(points[lowest].LearningRate)}). Raise EndLearningRate to see where training breaks down."));
        }
    }

    private static void AddNoisy(List<string> warnings, LrCurve curve)
    {
        if (curve.WindowLength < MinimumPointsForNoise)
        {
            return;
        }

        var losses = Enumerable.Range(curve.WindowStart, curve.WindowLength).Select(i => curve.Points[i].SmoothedLoss).ToArray();
        var denoised = CurveMath.RunningMean(
            CurveMath.RunningMedian(losses, HalfDropMethod.MedianHalfWidth), HalfDropMethod.MeanHalfWidth);
        double steepest = SteepestStep(losses);
        double steepestDenoised = SteepestStep(denoised);
        if (steepest < 0 && steepest < NoisySlopeRatio * Math.Min(steepestDenoised, 0))
        {
            warnings.Add(FormattableString.Invariant(
                $"The curve is noisy: its steepest single step ({LrFormat.Number(steepest)} per point) is more than {LrFormat.Number(NoisySlopeRatio)}x as steep as the steepest step of the denoised curve ({LrFormat.Number(steepestDenoised)}), so the steepest-slope rule (steep) mostly measures noise. Prefer valley or halfdrop, or sweep with larger batches."));
        }
    }

    /// <summary>The most negative difference between consecutive values; 0 when nothing falls.</summary>
    private static double SteepestStep(double[] values)
    {
        double steepest = 0;
        for (int i = 1; i < values.Length; i++)
        {
            steepest = Math.Min(steepest, values[i] - values[i - 1]);
        }

        return steepest;
    }

    private static void AddDisagreement(List<string> warnings, IReadOnlyList<LrSuggestion> suggestions)
    {
        var valued = suggestions.Where(s => s.HasValue).ToArray();
        if (valued.Length < 2)
        {
            return;
        }

        var lowest = valued.MinBy(s => s.LearningRate!.Value)!;
        var highest = valued.MaxBy(s => s.LearningRate!.Value)!;
        if (highest.LearningRate!.Value > DisagreementFactor * lowest.LearningRate!.Value)
        {
            warnings.Add(FormattableString.Invariant(
                $"The suggestions disagree by more than {LrFormat.Number(DisagreementFactor)}x ({lowest.Method} {LrFormat.LearningRate(lowest.LearningRate.Value)}, {highest.Method} {LrFormat.LearningRate(highest.LearningRate.Value)}): look at the plot before choosing."));
        }
    }

    /// <summary>The number of leading points with a finite smoothed loss: the part of the curve a sweep trained through.</summary>
    private static int FiniteCount(IReadOnlyList<LrCurvePoint> points)
    {
        int count = 0;
        while (count < points.Count && double.IsFinite(points[count].SmoothedLoss))
        {
            count++;
        }

        return count;
    }
}
