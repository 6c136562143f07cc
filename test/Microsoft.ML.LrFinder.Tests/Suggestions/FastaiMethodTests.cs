namespace Microsoft.ML.LrFinder.Tests.Suggestions;

/// <summary>fastai's four rules on hand-made curves; each expected value is worked out in the comment above it.</summary>
public class FastaiMethodTests
{
    [Test]
    public void Valley_takes_a_third_plus_a_sixth_of_the_longest_decreasing_run()
    {
        // Losses 10, 9, …, 1, 2, 3: the longest strictly decreasing subsequence is points 0–9 (length 10), first reached at
        // end = 9. fastai: start = end − length = −1, s = (9 − (−1))/3 = 3.33, idx = −1 + int(3.33) + int(1.67) = −1 + 3 + 1 = 3.
        var curve = TestCurves.Window(10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 2, 3);
        var suggestion = LrSuggestionMethods.Valley.Suggest(curve);
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(3));
        Assert.That(suggestion.LearningRate, Is.EqualTo(TestCurves.LearningRate(3)));
        Assert.That(suggestion.Point.Value.SmoothedLoss, Is.EqualTo(7));
    }

    [Test]
    public void Valley_uses_the_subsequence_not_a_contiguous_run()
    {
        // Losses 5, 4, 6, 3, 2, 7, 1, 8. Decreasing-subsequence lengths ending at each point (fastai's lds):
        // 1, 2, 1, 3 (5>4>3), 4 (…>2), 1, 5 (…>1), 1. Longest: 5, ending at end = 6; start = 6 − 5 = 1;
        // s = 5/3 = 1.67; idx = 1 + int(1.67) + int(0.83) = 1 + 1 + 0 = 2 — point 2, the 6, as fastai picks it.
        var suggestion = LrSuggestionMethods.Valley.Suggest(TestCurves.Window(5, 4, 6, 3, 2, 7, 1, 8));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(2));
    }

    [Test]
    public void Valley_run_lengths_match_the_quadratic_definition()
    {
        // fastai's double loop: lds[i] = 1 + max(lds[j] for j < i with losses[j] > losses[i]).
        var random = new Random(7);
        var losses = Enumerable.Range(0, 200).Select(_ => Math.Round(random.NextDouble() * 20)).ToArray();
        var expected = new int[losses.Length];
        for (int i = 0; i < losses.Length; i++)
        {
            expected[i] = 1;
            for (int j = 0; j < i; j++)
            {
                if (losses[i] < losses[j] && expected[i] < expected[j] + 1)
                {
                    expected[i] = expected[j] + 1;
                }
            }
        }

        Assert.That(ValleyMethod.DecreasingRunLengths(losses), Is.EqualTo(expected));
    }

    [Test]
    public void Slide_walks_left_until_gradients_fifteen_points_apart_agree()
    {
        // 24 points: flat at 1 (points 0–5), falling by 0.1 per point to 0.2 (point 13), flat at 0.2 (13–23).
        // numpy.gradient: 0 for points 0–4, −0.05 at 5, −0.1 at 6–12, −0.05 at 13, 0 for 14–23.
        // Walk: (r, l) = (23, 8): |0 − (−0.1)| > 0.005 → 8; (22, 7) → 7; (21, 6) → 6; (20, 5): |0 − (−0.05)| > 0.005 → 5;
        // (19, 4): |0 − 0| = 0 stops. Suggestion: point 5, where the fall begins.
        var losses = Enumerable.Range(0, 24).Select(i => i <= 5 ? 1.0 : i <= 13 ? 1.0 - (0.1 * (i - 5)) : 0.2).ToArray();
        var suggestion = LrSuggestionMethods.Slide.Suggest(TestCurves.Window(losses));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(5));
        Assert.That(suggestion.LearningRate, Is.EqualTo(TestCurves.LearningRate(5)));
    }

    [Test]
    public void Slide_stays_fifteen_points_from_the_end_when_gradients_already_agree()
    {
        // A straight line of 20 points has the same gradient everywhere: the walk stops at once at l = 19 − 15 = 4.
        var losses = Enumerable.Range(0, 20).Select(i => 3.0 - (0.01 * i)).ToArray();
        Assert.That(LrSuggestionMethods.Slide.Suggest(TestCurves.Window(losses)).Point!.Value.Iteration, Is.EqualTo(4));
    }

    [Test]
    public void Slide_needs_sixteen_points()
    {
        var suggestion = LrSuggestionMethods.Slide.Suggest(TestCurves.Window(Enumerable.Range(0, 15).Select(i => 1.0 / (i + 1)).ToArray()));
        Assert.That(suggestion.HasValue, Is.False);
        Assert.That(suggestion.Explanation, Does.Contain("16"));
    }

    [Test]
    public void Minimum_is_a_tenth_of_the_lr_at_the_first_lowest_loss_and_reports_the_minimum()
    {
        // Losses 3, 2, 1, 1, 2: argmin (first of the tie) is point 2; suggestion LR(2)/10, point = point 2.
        var suggestion = LrSuggestionMethods.Minimum.Suggest(TestCurves.Window(3, 2, 1, 1, 2));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(2));
        Assert.That(suggestion.LearningRate, Is.EqualTo(TestCurves.LearningRate(2) / 10));
    }

    [Test]
    public void Steep_is_the_left_end_of_the_most_negative_slope_against_ln_lr()
    {
        // Losses 5, 4.5, 3, 2.5, 2.5, 1.2, 3; every step is ln(10)/10 ≈ 0.2303 wide, so the slopes are the differences / 0.2303:
        // −0.5, −1.5, −0.5, 0, −1.3, 1.8 (over 0.2303). Most negative: segment 1, −1.5/0.2303 = −6.51 → its left end, point 1.
        var suggestion = LrSuggestionMethods.Steep.Suggest(TestCurves.Window(5, 4.5, 3, 2.5, 2.5, 1.2, 3));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(1));
        Assert.That(suggestion.LearningRate, Is.EqualTo(TestCurves.LearningRate(1)));
        Assert.That(suggestion.Explanation, Does.Contain("-6.51"));
    }

    [Test]
    public void Steep_skips_zero_width_segments()
    {
        // Points 1 and 2 share a learning rate: that segment (a fall of 2 over zero width) has no slope, where torch would
        // get −inf and pick it. Of the rest, −1/ln 2 = −1.44 (segment 0) and −0.1/ln 2 = −0.14 (segment 2): point 0.
        double[] rates = [1e-3, 2e-3, 2e-3, 4e-3, 5e-3, 6e-3, 7e-3, 8e-3, 9e-3];
        var suggestion = LrSuggestionMethods.Steep.Suggest(TestCurves.Window([3, 2, 0, -0.1], rates));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(0));
    }

    [Test]
    public void The_shortest_windows_the_rules_read_give_a_suggestion()
    {
        // Steep needs 2 points (one slope), valley a run of 2 (fastai's −1 start: the first point), halfdrop 3: on 3, 2, 1 the
        // denoised curve is the curve (the windows shrink to fit), the level is 1 + (3 − 1)/2 = 2, first reached at point 1.
        Assert.That(LrSuggestionMethods.Steep.Suggest(TestCurves.Window(2, 1)).Point!.Value.Iteration, Is.EqualTo(0));
        Assert.That(LrSuggestionMethods.Valley.Suggest(TestCurves.Window(2, 1)).Point!.Value.Iteration, Is.EqualTo(0));
        Assert.That(LrSuggestionMethods.HalfDrop.Suggest(TestCurves.Window(3, 2, 1)).Point!.Value.Iteration, Is.EqualTo(1));
    }

    [Test]
    public void The_window_skips_a_tenth_of_the_requested_iterations_and_the_last_five_points()
    {
        // 30 requested, 30 recorded: the window is points 3–24. The minimum of the whole curve (point 1) is outside it.
        var losses = Enumerable.Range(0, 30).Select(i => i == 1 ? -5.0 : 10.0 - (0.1 * i)).ToArray();
        var curve = new LrCurve(losses.Select((l, i) => new LrCurvePoint(i, TestCurves.LearningRate(i), l, l)), requestedIterations: 30);
        var suggestion = LrSuggestionMethods.Minimum.Suggest(curve);
        Assert.That((curve.WindowStart, curve.WindowEnd), Is.EqualTo((3, 25)));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(24));
    }
}
