namespace Microsoft.ML.LrFinder;

/// <summary>
/// Chooses the candidate learning rates the tuning step probes: the sweep's selected rate and its neighbours on a geometric
/// grid, kept inside the range the sweep trained at without diverging. Pure functions; whichever rule selected the rate.
/// </summary>
internal static class LrTuneCandidates
{
    /// <summary>
    /// The candidates around a sweep's selected learning rate, inside the range the sweep trained at before it diverged
    /// (<see cref="HighestStableLearningRate"/>) and not below its first learning rate.
    /// </summary>
    /// <param name="finderResult">A sweep result with a selected learning rate.</param>
    /// <param name="count">The number of candidates; default <see cref="LrTuneDefaults.CandidateCount"/>. From 1 to <see cref="LrTuneOptions.MaximumCandidateCount"/>.</param>
    /// <param name="spacing">The ratio between neighbours; default <see cref="LrTuneDefaults.CandidateSpacing"/>. Finite, greater than 1.</param>
    /// <returns>The candidates in ascending order; see <see cref="Around"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="finderResult"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="finderResult"/> has no selected learning rate or no point with a positive learning rate.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="spacing"/> is out of range.</exception>
    public static IReadOnlyList<double> Choose(LrFinderResult finderResult, int count = LrTuneDefaults.CandidateCount, double spacing = LrTuneDefaults.CandidateSpacing)
    {
        ArgumentNullException.ThrowIfNull(finderResult);
        double selected = finderResult.SelectedLearningRate
            ?? throw new ArgumentException("has no selected learning rate to tune around.", nameof(finderResult));
        double lowest = finderResult.Curve.Points.Select(p => p.LearningRate).Where(IsPositive).DefaultIfEmpty(double.NaN).Min();
        if (double.IsNaN(lowest))
        {
            throw new ArgumentException("has no point with a finite, positive learning rate.", nameof(finderResult));
        }

        return Around(selected, lowest, Math.Max(lowest, HighestStableLearningRate(finderResult)), count, spacing);
    }

    /// <summary>
    /// <paramref name="count"/> candidates <c>selected × spacing^k</c> for consecutive k around 0 (k = −1, 0, 1 for three; for an
    /// even count the extra one is below: k = −1, 0 for two), clipped to [<paramref name="lowest"/>, <paramref name="highest"/>]:
    /// a candidate that falls outside is replaced by the next one on the other side while that one fits, so the grid slides
    /// down under a low ceiling. A selected rate outside the range is first moved to its nearer end.
    /// </summary>
    /// <param name="selected">The selected learning rate: finite and greater than 0.</param>
    /// <param name="lowest">The lowest allowed candidate: finite and greater than 0.</param>
    /// <param name="highest">The highest allowed candidate: finite and at least <paramref name="lowest"/>.</param>
    /// <param name="count">The number of candidates, from 1 to <see cref="LrTuneOptions.MaximumCandidateCount"/>.</param>
    /// <param name="spacing">The ratio between neighbours: finite and greater than 1.</param>
    /// <returns>
    /// The candidates in ascending order, the (clamped) selected rate among them; fewer than <paramref name="count"/> only when
    /// the range holds fewer grid points.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range; the exception names it.</exception>
    public static IReadOnlyList<double> Around(double selected, double lowest, double highest, int count = LrTuneDefaults.CandidateCount, double spacing = LrTuneDefaults.CandidateSpacing)
    {
        if (!IsPositive(selected))
        {
            throw new ArgumentOutOfRangeException(nameof(selected), selected, "must be finite and greater than 0.");
        }

        if (!IsPositive(lowest))
        {
            throw new ArgumentOutOfRangeException(nameof(lowest), lowest, "must be finite and greater than 0.");
        }

        if (!(double.IsFinite(highest) && highest >= lowest))
        {
            throw new ArgumentOutOfRangeException(nameof(highest), highest, "must be finite and at least lowest.");
        }

        if (count is < 1 or > LrTuneOptions.MaximumCandidateCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "must be between 1 and 9.");
        }

        if (!(double.IsFinite(spacing) && spacing > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "must be finite and greater than 1.");
        }

        double centre = Math.Clamp(selected, lowest, highest);

        // A relative tolerance keeps a grid point that lands on a bound (up to rounding) inside it.
        bool Fits(int k)
        {
            double rate = Rate(centre, spacing, k);
            return rate >= lowest * (1 - 1e-12) && rate <= highest * (1 + 1e-12);
        }

        var exponents = new List<int> { 0 };
        int below = -1;
        int above = 1;

        // The grid grows below first, so an even count leans towards the smaller, safer rates.
        bool lowerTurn = true;
        while (exponents.Count < count && (Fits(below) || Fits(above)))
        {
            if (lowerTurn ? Fits(below) : !Fits(above))
            {
                exponents.Add(below--);
            }
            else
            {
                exponents.Add(above++);
            }

            lowerTurn = !lowerTurn;
        }

        return exponents.Order().Select(k => Rate(centre, spacing, k)).ToArray();
    }

    /// <summary>
    /// The first round of successive halving: a geometric grid through the selected rate, <see cref="LrHalvingSettings.Spacing"/>
    /// apart, spanning the range the curve finds credible. Downwards to selected ÷ <see cref="LrHalvingSettings.LowestRatio"/>,
    /// or lower where a suggestion of the sweep lies lower (never past selected ÷ <see cref="LrHalvingSettings.DeepestRatio"/>),
    /// never below the sweep's first rate; upwards to the highest rate the sweep trained at without diverging
    /// (<see cref="HighestStableLearningRate"/>), never past selected × <see cref="LrHalvingSettings.HighestRatio"/>. At most
    /// <see cref="LrHalvingSettings.MaximumCandidates"/>: beyond that the highest are left out.
    /// </summary>
    /// <param name="finderResult">A sweep result with a selected learning rate.</param>
    /// <param name="settings">The layout.</param>
    /// <returns>The candidates in ascending order, the selected rate (clamped into the sweep's range) among them.</returns>
    /// <exception cref="ArgumentException"><paramref name="finderResult"/> has no selected learning rate or no point with a positive learning rate.</exception>
    public static IReadOnlyList<double> Span(LrFinderResult finderResult, LrHalvingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(finderResult);
        ArgumentNullException.ThrowIfNull(settings);
        double selected = finderResult.SelectedLearningRate
            ?? throw new ArgumentException("has no selected learning rate to tune around.", nameof(finderResult));
        double first = finderResult.Curve.Points.Select(p => p.LearningRate).Where(IsPositive).DefaultIfEmpty(double.NaN).Min();
        if (double.IsNaN(first))
        {
            throw new ArgumentException("has no point with a finite, positive learning rate.", nameof(finderResult));
        }

        double stable = Math.Max(first, HighestStableLearningRate(finderResult));
        double centre = Math.Clamp(selected, first, stable);
        double lowestSuggestion = finderResult.Suggestions.Select(s => s.LearningRate ?? double.NaN).Where(IsPositive).DefaultIfEmpty(centre).Min();
        double low = Math.Max(first, Math.Min(centre / settings.LowestRatio, Math.Max(centre / settings.DeepestRatio, lowestSuggestion)));
        double high = Math.Min(stable, centre * settings.HighestRatio);
        var rates = new List<double>();
        for (int k = 0; ; k--)
        {
            double rate = Rate(centre, settings.Spacing, k);
            if (rate < low * (1 - 1e-9))
            {
                break;
            }

            rates.Add(rate);
        }

        for (int k = 1; rates.Count < settings.MaximumCandidates * 4; k++)
        {
            double rate = Rate(centre, settings.Spacing, k);
            if (rate > high * (1 + 1e-9))
            {
                break;
            }

            rates.Add(rate);
        }

        // Too many: keep the lowest, which always include the selected rate (the range below it is at most DeepestRatio deep).
        return rates.Order().Take(Math.Max(settings.MaximumCandidates, rates.Count(r => r <= centre))).ToArray();
    }

    /// <summary>
    /// The highest learning rate a sweep trained at before it diverged: for a sweep that stopped because the loss diverged or
    /// went non-finite, the rate of the point before the one that stopped it; otherwise the last recorded rate.
    /// </summary>
    /// <param name="finderResult">A sweep result.</param>
    /// <returns>The rate; NaN when the curve has no point before the stop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="finderResult"/> is null.</exception>
    public static double HighestStableLearningRate(LrFinderResult finderResult)
    {
        ArgumentNullException.ThrowIfNull(finderResult);
        var points = finderResult.Curve.Points;
        int stable = finderResult.StopReason is LrFinderStopReason.Diverged or LrFinderStopReason.NonFiniteLoss ? points.Count - 1 : points.Count;
        return points.Take(stable).Select(p => p.LearningRate).Where(IsPositive).DefaultIfEmpty(double.NaN).Max();
    }

    // Multiplying by spacing k times (not Math.Pow) keeps k = 1 exactly selected × spacing.
    private static double Rate(double centre, double spacing, int k)
    {
        double rate = centre;
        for (int i = 0; i < Math.Abs(k); i++)
        {
            rate = k > 0 ? rate * spacing : rate / spacing;
        }

        return rate;
    }

    private static bool IsPositive(double value) => double.IsFinite(value) && value > 0;
}
