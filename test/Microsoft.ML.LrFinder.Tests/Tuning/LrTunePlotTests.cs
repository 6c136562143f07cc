using Microsoft.ML.LrFinder.Plotting;
using OxyPlot.Annotations;
using OxyPlot.Series;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

public class LrTunePlotTests
{
    [Test]
    public void The_plot_marks_every_candidate_and_labels_the_chosen_one_with_the_reported_number()
    {
        var result = Tuned(new LrTuneCandidate(1e-3 / 3, 0.8, 10), new LrTuneCandidate(1e-3, 0.5, 10), new LrTuneCandidate(3e-3, double.PositiveInfinity, 2));
        var model = result.ToPlotModel();

        var lines = model.Annotations.OfType<LineAnnotation>().Where(a => a.Type == LineAnnotationType.Vertical).Select(a => a.X).ToArray();
        Assert.That(lines, Is.SupersetOf(result.Candidates.Select(c => c.LearningRate)));
        var label = model.Annotations.OfType<TextAnnotation>().Single(a => a.Text?.StartsWith("tuned ", StringComparison.Ordinal) == true);
        Assert.That(label.Text, Is.EqualTo("tuned 1e-3 (held-out loss 0.5)"));
        Assert.That(label.TextPosition.X, Is.EqualTo(1e-3));

        // The held-out losses are drawn on their own axis; the non-finite one is left out of the series.
        var probes = model.Series.OfType<LineSeries>().Single(s => s.YAxisKey == LrPlotBuilder.ValidationLossAxisKey);
        Assert.That(probes.Points.Select(p => (p.X, p.Y)), Is.EqualTo(new[] { (1e-3 / 3, 0.8), (1e-3, 0.5) }));
    }

    [Test]
    public void Every_probe_of_every_round_is_drawn_and_the_chosen_rate_is_the_last_round_s()
    {
        // Round 0 probes three rates; round 1 the best two for longer. The first round's lowest loss (0.4 at 3e-3) is not the
        // choice: the last round's (0.3 at 1e-3) is.
        var result = Tuned(
            new LrTuneCandidate(1e-3 / 3, 0.9, 5), new LrTuneCandidate(1e-3, 0.6, 5), new LrTuneCandidate(3e-3, 0.4, 5),
            new LrTuneCandidate(1e-3, 0.3, 15) { Round = 1 }, new LrTuneCandidate(3e-3, 0.35, 15) { Round = 1 });
        var model = result.ToPlotModel();

        var series = model.Series.OfType<LineSeries>().Where(s => s.YAxisKey == LrPlotBuilder.ValidationLossAxisKey).ToArray();
        Assert.That(series.Select(s => s.Title), Is.EqualTo(new[] { "held-out loss after probe, round 0 (right axis)", "held-out loss after probe, round 1 (right axis)" }));
        Assert.That(series[0].Points.Select(p => (p.X, p.Y)), Is.EqualTo(new[] { (1e-3 / 3, 0.9), (1e-3, 0.6), (3e-3, 0.4) }));
        Assert.That(series[1].Points.Select(p => (p.X, p.Y)), Is.EqualTo(new[] { (1e-3, 0.3), (3e-3, 0.35) }));

        // One vertical line per rate probed; the chosen one solid and bold.
        var probeColor = OxyPlot.OxyColor.FromRgb(0x44, 0x44, 0x44);
        var lines = model.Annotations.OfType<LineAnnotation>().Where(a => a.Type == LineAnnotationType.Vertical && a.Color == probeColor).ToArray();
        Assert.That(lines.Select(a => a.X), Is.EquivalentTo(new[] { 1e-3 / 3, 1e-3, 3e-3 }));
        Assert.That(lines.Where(a => a.StrokeThickness == 2).Select(a => a.X), Is.EqualTo(new[] { 1e-3 }));
        var diamond = model.Annotations.OfType<PointAnnotation>().Single(a => a.YAxisKey == LrPlotBuilder.ValidationLossAxisKey);
        Assert.That((diamond.X, diamond.Y), Is.EqualTo((1e-3, 0.3)));
        Assert.That(model.Annotations.OfType<TextAnnotation>().Single(a => a.Text?.StartsWith("tuned ", StringComparison.Ordinal) == true).Text, Is.EqualTo("tuned 1e-3 (held-out loss 0.3)"));
    }

    [Test]
    public void A_tune_result_saves_as_svg_with_its_marks()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tune-plot-{Guid.NewGuid():N}.svg");
        try
        {
            Tuned(new LrTuneCandidate(1e-3, 0.5, 10)).SavePlot(path);
            Assert.That(File.ReadAllText(path), Does.Contain("held-out loss after probe").And.Contain("tuned 1e-3"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static LrTuneResult Tuned(params LrTuneCandidate[] candidates)
    {
        var points = Enumerable.Range(0, 40).Select(i => new LrCurvePoint(i, 1e-6 * Math.Pow(10, i / 8.0), 2 - (i / 40.0), 2 - (i / 40.0))).ToArray();
        var selected = LrSuggestion.At("test", 1e-3, points[24], "by hand.");
        var sweep = new LrFinderResult(new LrCurve(points, 40), LrFinderStopReason.Completed, [selected], selected, [], new LrFinderOptions(), TimeSpan.Zero);
        return new LrTuneResult(sweep, candidates, probeSteps: 10, budgetSteps: 50, [], TimeSpan.Zero);
    }
}
