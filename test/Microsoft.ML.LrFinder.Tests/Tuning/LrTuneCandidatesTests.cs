namespace Microsoft.ML.LrFinder.Tests.Tuning;

public class LrTuneCandidatesTests
{
    [Test]
    public void Three_candidates_are_the_selected_rate_divided_and_multiplied_by_the_spacing()
    {
        var candidates = LrTuneCandidates.Around(1e-3, lowest: 1e-7, highest: 10, count: 3, spacing: 3);
        Assert.That(candidates, Is.EqualTo(new[] { 1e-3 / 3, 1e-3, 3e-3 }));
    }

    [TestCase(1, new[] { 0 })]
    [TestCase(2, new[] { -1, 0 })]
    [TestCase(4, new[] { -2, -1, 0, 1 })]
    [TestCase(5, new[] { -2, -1, 0, 1, 2 })]
    public void An_even_count_puts_its_extra_candidate_below(int count, int[] exponents)
    {
        var candidates = LrTuneCandidates.Around(1e-2, lowest: 1e-7, highest: 10, count, spacing: 2);
        Assert.That(candidates, Is.EqualTo(exponents.Select(k => 1e-2 * Math.Pow(2, k))).Within(1e-12).Percent);
    }

    [Test]
    public void A_ceiling_at_the_selected_rate_slides_the_grid_down()
    {
        var candidates = LrTuneCandidates.Around(1e-3, lowest: 1e-7, highest: 1e-3, count: 3, spacing: 3);
        Assert.That(candidates, Is.EqualTo(new[] { 1e-3 / 9, 1e-3 / 3, 1e-3 }).Within(1e-12).Percent);
    }

    [Test]
    public void A_floor_at_the_selected_rate_slides_the_grid_up()
    {
        var candidates = LrTuneCandidates.Around(1e-3, lowest: 1e-3, highest: 10, count: 3, spacing: 3);
        Assert.That(candidates, Is.EqualTo(new[] { 1e-3, 3e-3, 9e-3 }).Within(1e-12).Percent);
    }

    [Test]
    public void A_range_narrower_than_the_spacing_keeps_only_the_selected_rate()
    {
        Assert.That(LrTuneCandidates.Around(1e-3, lowest: 5e-4, highest: 2e-3), Is.EqualTo(new[] { 1e-3 }));
    }

    [Test]
    public void A_selected_rate_above_the_range_is_moved_to_its_top()
    {
        var candidates = LrTuneCandidates.Around(1, lowest: 1e-7, highest: 1e-2, count: 3, spacing: 3);
        Assert.That(candidates, Is.EqualTo(new[] { 1e-2 / 9, 1e-2 / 3, 1e-2 }).Within(1e-12).Percent);
    }

    [TestCase(0.0, 1e-7, 10.0, 3, 3.0, "selected", "must be finite and greater than 0.")]
    [TestCase(double.NaN, 1e-7, 10.0, 3, 3.0, "selected", "must be finite and greater than 0.")]
    [TestCase(1e-3, -1.0, 10.0, 3, 3.0, "lowest", "must be finite and greater than 0.")]
    [TestCase(1e-3, 1e-2, 1e-3, 3, 3.0, "highest", "must be finite and at least lowest.")]
    [TestCase(1e-3, 1e-7, 10.0, 0, 3.0, "count", "must be between 1 and 9.")]
    [TestCase(1e-3, 1e-7, 10.0, 10, 3.0, "count", "must be between 1 and 9.")]
    [TestCase(1e-3, 1e-7, 10.0, 3, 1.0, "spacing", "must be finite and greater than 1.")]
    public void Invalid_arguments_name_the_parameter_and_its_range(double selected, double lowest, double highest, int count, double spacing, string name, string message)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LrTuneCandidates.Around(selected, lowest, highest, count, spacing));
        Assert.That(ex!.ParamName, Is.EqualTo(name));
        Assert.That(ex.Message, Does.StartWith(message));
    }

    [Test]
    public void A_grid_point_exactly_on_a_bound_is_kept()
    {
        // The ceiling is selected × 3 and the floor selected ÷ 3, computed as the grid computes them: the candidates land on
        // them and stay.
        Assert.That(LrTuneCandidates.Around(1e-3, lowest: 1e-7, highest: 1e-3 * 3, count: 3, spacing: 3), Is.EqualTo(new[] { 1e-3 / 3, 1e-3, 1e-3 * 3 }));
        Assert.That(LrTuneCandidates.Around(1e-3, lowest: 1e-3 / 3, highest: 10, count: 3, spacing: 3), Is.EqualTo(new[] { 1e-3 / 3, 1e-3, 1e-3 * 3 }));
    }

    [Test]
    public void The_limits_themselves_are_accepted()
    {
        // A range of one rate holds one candidate; nine candidates is the most a user may ask for.
        Assert.That(LrTuneCandidates.Around(1e-3, lowest: 1e-3, highest: 1e-3), Is.EqualTo(new[] { 1e-3 }));
        Assert.That(LrTuneCandidates.Around(1e-3, lowest: 1e-9, highest: 10, count: LrTuneOptions.MaximumCandidateCount, spacing: 2), Has.Count.EqualTo(9));
    }

    [Test]
    public void A_sweep_with_no_positive_learning_rate_or_no_sweep_is_rejected_by_name()
    {
        var points = new[] { new LrCurvePoint(0, double.NaN, 1.0, 1.0), new LrCurvePoint(1, double.NaN, 1.0, 1.0) };
        var selected = LrSuggestion.At("test", 1e-3, points[0], "by hand.");
        var result = new LrFinderResult(new LrCurve(points, 2), LrFinderStopReason.Completed, [selected], selected, [], new LrFinderOptions(), TimeSpan.Zero);

        foreach (var choose in new Func<LrFinderResult, IReadOnlyList<double>>[] { r => LrTuneCandidates.Choose(r), r => LrTuneCandidates.Span(r, LrHalvingSettings.Default) })
        {
            var ex = Assert.Throws<ArgumentException>(() => choose(result));
            Assert.That(ex!.ParamName, Is.EqualTo("finderResult"));
            Assert.That(ex.Message, Does.StartWith("has no point with a finite, positive learning rate."));
            Assert.That(Assert.Throws<ArgumentNullException>(() => choose(null!))!.ParamName, Is.EqualTo("finderResult"));
        }

        Assert.That(
            Assert.Throws<ArgumentNullException>(() => LrTuneCandidates.Span(Sweep(LrFinderStopReason.Completed, selectedIndex: 3), null!))!.ParamName,
            Is.EqualTo("settings"));
    }

    [Test]
    public void A_diverged_sweep_keeps_candidates_below_the_point_that_stopped_it()
    {
        // The selected rate is the last stable one (the point before the stop): × 3 would pass it, so the grid slides down.
        var result = Sweep(LrFinderStopReason.Diverged, selectedIndex: 8);
        double lastStable = result.Curve.Points[^2].LearningRate;
        Assert.That(LrTuneCandidates.HighestStableLearningRate(result), Is.EqualTo(lastStable));

        var candidates = LrTuneCandidates.Choose(result, count: 3, spacing: 3);
        Assert.That(candidates, Has.Count.EqualTo(3));
        Assert.That(candidates.Max(), Is.LessThanOrEqualTo(lastStable));
        Assert.That(candidates, Does.Contain(result.SelectedLearningRate!.Value));
        Assert.That(candidates[0], Is.EqualTo(result.SelectedLearningRate!.Value / 9).Within(1e-12).Percent);
    }

    [Test]
    public void A_completed_sweep_allows_candidates_up_to_its_last_rate()
    {
        var result = Sweep(LrFinderStopReason.Completed, selectedIndex: 3);
        Assert.That(LrTuneCandidates.HighestStableLearningRate(result), Is.EqualTo(result.Curve.Points[^1].LearningRate));
        Assert.That(LrTuneCandidates.Choose(result, count: 3, spacing: 3), Is.EqualTo(new[] { 1e-4 / 3, 1e-4, 3e-4 }).Within(1e-12).Percent);
    }

    [Test]
    public void A_sweep_without_a_selection_is_rejected_by_name()
    {
        var result = new LrFinderResult(new LrCurve(Points(10), 10), LrFinderStopReason.Completed, [], null, [], new LrFinderOptions(), TimeSpan.Zero);
        foreach (var choose in new Func<LrFinderResult, IReadOnlyList<double>>[] { r => LrTuneCandidates.Choose(r), r => LrTuneCandidates.Span(r, LrHalvingSettings.Default) })
        {
            var ex = Assert.Throws<ArgumentException>(() => choose(result));
            Assert.That(ex!.ParamName, Is.EqualTo("finderResult"));
            Assert.That(ex.Message, Does.StartWith("has no selected learning rate to tune around."));
        }
    }

    // Ten points, learning rates 1e-7 to 1e2 by decades.
    private static LrCurvePoint[] Points(int count) =>
        Enumerable.Range(0, count).Select(i => new LrCurvePoint(i, 1e-7 * Math.Pow(10, i), 1.0, 1.0)).ToArray();

    private static LrFinderResult Sweep(LrFinderStopReason stopReason, int selectedIndex)
    {
        var points = Points(stopReason == LrFinderStopReason.Diverged ? 10 : 8);
        var selected = LrSuggestion.At("test", points[selectedIndex].LearningRate, points[selectedIndex], "by hand.");
        return new LrFinderResult(new LrCurve(points, 10), stopReason, [selected], selected, [], new LrFinderOptions(), TimeSpan.Zero);
    }
}
