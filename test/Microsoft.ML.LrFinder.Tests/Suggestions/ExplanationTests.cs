namespace Microsoft.ML.LrFinder.Tests.Suggestions;

/// <summary>
/// Each method's explanation is what the text report prints under its suggestion (and what a user reads to trust or
/// overrule it): it must name the numbers the rule read and say which case it met. Expected numbers are worked out from
/// the rules on hand-made curves (<see cref="TestCurves"/>: ten points per decade from 1e-4, so point i is at 1e-4·10^(i/10)).
/// </summary>
public class ExplanationTests
{
    // Window 5, 4, 3, 2, 1, 1.5, 3: the loss falls by 1 per point to its minimum at point 4, then rises.
    private static LrCurve FallThenRise() => TestCurves.Window(5, 4, 3, 2, 1, 1.5, 3);

    [Test]
    public void Valley_names_the_run_and_the_point_it_takes()
    {
        // The longest decreasing run is points 0–4 (5 points); s = 5/3, start = −1, so −1 + ⌊1.67⌋ + ⌊0.83⌋ = point 0.
        var suggestion = LrSuggestionMethods.Valley.Suggest(FallThenRise());
        Assert.That(suggestion.Explanation, Does.Contain("spans iterations 0 to 4 (5 points)"));
        Assert.That(suggestion.Explanation, Does.Contain("iteration 0, learning rate 1e-4."));
    }

    [Test]
    public void Steep_names_the_slope_and_where_it_starts()
    {
        // Each of the first four steps falls by 1 over ln(10)/10 = 0.2303: slope −4.34; ties go to the first (point 0).
        var suggestion = LrSuggestionMethods.Steep.Suggest(FallThenRise());
        Assert.That(suggestion.Explanation, Does.Contain("-4.34, starts at iteration 0, learning rate 1e-4."));
    }

    [Test]
    public void Minimum_names_the_lowest_loss_and_the_tenth()
    {
        // Lowest loss 1 at point 4, learning rate 1e-4·10^0.4 = 2.51e-4; a tenth of it is 2.51e-5.
        var suggestion = LrSuggestionMethods.Minimum.Suggest(FallThenRise());
        Assert.That(suggestion.Explanation, Does.Contain("lowest (1) at iteration 4, learning rate 2.51e-4; a tenth of it is 2.51e-5."));
    }

    [Test]
    public void Halfdrop_names_the_fall_and_the_level()
    {
        var suggestion = LrSuggestionMethods.HalfDrop.Suggest(FallThenRise());
        Assert.That(suggestion.Explanation, Does.StartWith("the denoised loss falls from "));
        Assert.That(suggestion.Explanation, Does.Contain($"is halfway down at learning rate {LrFormat.LearningRate(suggestion.LearningRate!.Value)}; "));
    }

    [Test]
    public void Slide_says_when_the_gradients_already_agree_at_the_end()
    {
        // A straight line: every gradient is −1, so the walk does not move and the suggestion is 15 points left of the end.
        var suggestion = LrSuggestionMethods.Slide.Suggest(TestCurves.Window(Enumerable.Range(0, 16).Select(i => 20.0 - i).ToArray()));
        Assert.That(suggestion.Explanation, Does.StartWith("the gradients 15 points apart already agree within 0.005 at the end of the window"));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(0));
    }

    [Test]
    public void Slide_says_when_the_gradients_differ_all_the_way_to_the_start()
    {
        // i²: the gradient grows by 2 per point, so gradients 15 points apart always differ by 30.
        var suggestion = LrSuggestionMethods.Slide.Suggest(TestCurves.Window(Enumerable.Range(0, 16).Select(i => (double)(i * i)).ToArray()));
        Assert.That(suggestion.Explanation, Does.StartWith("the gradients differed all the way to the start of the window"));
    }

    [Test]
    public void Slide_names_the_point_where_the_walk_stopped()
    {
        // 20 points falling by 1 per point, flat over the last two (−17, −17): numpy gradients are −1 up to point 16, −0.5 at
        // 17, 0 at 18 and 19. Walking left from (r, l) = (19, 4): differences 1, 1, 0.5 move the suggestion to point 2; at
        // (16, 1) they agree and the walk stops.
        double[] losses = [.. Enumerable.Range(0, 18).Select(i => -(double)i), -17, -17];
        var suggestion = LrSuggestionMethods.Slide.Suggest(TestCurves.Window(losses));
        Assert.That(suggestion.Explanation, Does.StartWith("walking left from the end, the gradients 15 points apart differed by more than 0.005 down to iteration 2"));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(2));
    }

    [Test]
    public void Each_method_says_why_it_made_no_suggestion()
    {
        var flat = TestCurves.Window(2, 2, 2, 2);
        Assert.That(LrSuggestionMethods.Valley.Suggest(flat).Explanation, Is.EqualTo("the smoothed loss never decreases in the suggestion window."));
        Assert.That(LrSuggestionMethods.HalfDrop.Suggest(flat).Explanation, Is.EqualTo("the denoised loss never decreases in the suggestion window."));
        Assert.That(LrSuggestionMethods.HalfDrop.Suggest(TestCurves.Window(2, 1)).Explanation, Is.EqualTo("the rule needs at least 3 points in the window; it has 2."));
        Assert.That(LrSuggestionMethods.Steep.Suggest(TestCurves.Window(2)).Explanation, Is.EqualTo("a slope needs at least 2 points in the window; it has 1."));
        Assert.That(LrSuggestionMethods.Slide.Suggest(flat).Explanation, Is.EqualTo("the rule compares gradients 15 points apart and needs at least 16 points in the window; it has 4."));

        var empty = TestCurves.Window();
        foreach (var method in new[] { LrSuggestionMethods.Valley, LrSuggestionMethods.Steep, LrSuggestionMethods.Minimum, LrSuggestionMethods.Slide, LrSuggestionMethods.HalfDrop })
        {
            Assert.That(method.Suggest(empty).Explanation, Is.EqualTo("the suggestion window is empty (too few points, or the loss was non-finite early)."), method.Name);
        }
    }
}
