namespace Microsoft.ML.LrFinder.Tests.Suggestions;

public class HalfDropMethodTests
{
    private static readonly double[] CleanLosses = [4, 4, 4, 4, 4, 3.5, 3, 2.5, 2, 1.5, 1, 1, 1, 1, 2, 3, 4];

    [Test]
    public void On_a_clean_curve_it_is_where_the_loss_is_halfway_down()
    {
        // Flat at 4 (points 0–4), down by 0.5 per point to 1 (point 10), flat at 1 (10–13), then up. The median of 5 and the
        // mean of 3 leave straight stretches unchanged and only round the corners (4 → 3.83 at point 4, 1 → 1.17 at point
        // 10), so the denoised minimum is 1 (first at point 11), the highest point before it 4 (point 0), the level
        // 1 + (4 − 1)/2 = 2.5, first reached at point 7.
        var suggestion = LrSuggestionMethods.HalfDrop.Suggest(TestCurves.Window(CleanLosses));
        Assert.That(suggestion.Point!.Value.Iteration, Is.EqualTo(7));
        Assert.That(suggestion.LearningRate, Is.EqualTo(TestCurves.LearningRate(7)));
    }

    [Test]
    public void It_reports_which_rules_agree()
    {
        var suggestion = LrSuggestionMethods.HalfDrop.Suggest(TestCurves.Window(CleanLosses));
        Assert.That(suggestion.Explanation, Does.Contain("agrees within 3x with valley"));
    }

    [Test]
    public void A_single_spike_does_not_move_it_while_it_moves_steep()
    {
        // A one-point dip of 2 at point 2 (in the flat part) is the steepest segment of the curve, so steep jumps there;
        // the running median removes it, and halfdrop stays at point 7.
        var spiked = (double[])CleanLosses.Clone();
        spiked[2] = 2;
        var curve = TestCurves.Window(spiked);
        Assert.That(LrSuggestionMethods.Steep.Suggest(curve).Point!.Value.Iteration, Is.EqualTo(1));
        Assert.That(LrSuggestionMethods.HalfDrop.Suggest(curve).Point!.Value.Iteration, Is.EqualTo(7));
    }

    [Test]
    public void On_noisy_curves_it_stays_within_a_factor_of_three_of_the_clean_answer()
    {
        // A smooth fall from 2.3 to 0.3 centred at point 40 of 85 (ln-LR spacing as a default sweep's window), plus noise of
        // standard deviation 0.05 after smoothing. The clean curve is halfway down at point 40; a factor of 3 in LR is
        // 10·log10(3) ≈ 4.8 points at ten points per decade.
        double Clean(int i) => 0.3 + (2.0 / (1 + Math.Exp((i - 40) / 4.0))) + (i > 60 ? 0.05 * (i - 60) : 0);
        for (int seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var noisy = Enumerable.Range(0, 85).Select(i => Clean(i) + (0.05 * Gaussian(random))).ToArray();
            var suggestion = LrSuggestionMethods.HalfDrop.Suggest(TestCurves.Window(noisy));
            Assert.That(suggestion.Point!.Value.Iteration, Is.InRange(36, 44), $"seed {seed}");
        }
    }

    [Test]
    public void A_loss_that_never_falls_gives_no_suggestion()
    {
        Assert.That(LrSuggestionMethods.HalfDrop.Suggest(TestCurves.Window(1, 2, 3, 4, 5)).HasValue, Is.False);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
