using System.Globalization;
using System.Text.RegularExpressions;

namespace Microsoft.ML.LrFinder.Tests.Plotting;

/// <summary>The "stopped: …" label of a sweep that stopped early stays inside the plot, also when its line is at the right border.</summary>
public partial class EarlyStopLabelTests
{
    [Test]
    public void A_divergence_at_the_right_border_is_labelled_left_of_its_line()
    {
        // The last learning rate, 0.98, rounds the axis up to 1e0: the stop line sits a hundredth of a decade from the right border.
        var options = new LrFinderOptions { StartLearningRate = 1e-4, EndLearningRate = 0.98, NumberOfIterations = 40, SmoothingBeta = 0 };
        var sweep = new LrSweep(options);
        int step = 0;
        while (sweep.TryGetNextLearningRate(out _))
        {
            sweep.Record(++step < 40 ? 2.0 - (step * 0.02) : 100);
        }

        var result = sweep.BuildResult();
        Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Diverged));

        string svg = SvgOf(result);
        var label = StopLabel().Match(svg);
        Assert.That(label.Success, Is.True, "no 'stopped:' label in the SVG");
        double labelX = double.Parse(label.Groups["x"].Value, CultureInfo.InvariantCulture);
        double lineX = double.Parse(StopLine().Match(svg).Groups["x"].Value, CultureInfo.InvariantCulture);

        // The text is rotated -90° about (labelX, y) on its baseline: its glyphs lie left of labelX. Left of the line, not across it.
        Assert.Multiple(() =>
        {
            Assert.That(label.Groups["baseline"].Value, Is.EqualTo("baseline"));
            Assert.That(labelX, Is.LessThanOrEqualTo(lineX + 0.5));
            Assert.That(lineX, Is.GreaterThan(900), "the case under test: the line at the right border of a 1000-px plot");
        });
    }

    private static string SvgOf(LrFinderResult result)
    {
        string path = Path.Combine(Path.GetTempPath(), "lrfinder-early-stop-" + Guid.NewGuid().ToString("N") + ".svg");
        try
        {
            result.SavePlot(path);
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex("""<text dominant-baseline="(?<baseline>[a-z]+)"[^>]*transform="translate\((?<x>[0-9.]+),[0-9.]+\) rotate\(-90\)"[^>]*>stopped:""")]
    private static partial Regex StopLabel();

    [GeneratedRegex("""<polyline points="(?<x>[0-9.]+),[^"]*"[^>]*stroke:rgb\(176,30,30\)""")]
    private static partial Regex StopLine();
}
