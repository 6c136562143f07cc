using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.LrFinder.Plotting;
using SkiaSharp;

namespace Microsoft.ML.LrFinder.Tests.Plotting;

/// <summary>
/// The plot, read back from the exported SVG: every suggestion is marked at exactly the learning rate it returns and labelled
/// with the number the text report prints (the user story of docs/suggestions.md: no order-of-magnitude mismatch between plot and numbers).
/// </summary>
public partial class LrFinderPlotTests
{
    // One SVG user unit in x is about 1/115 of a decade at the default size; coordinates are written to 4 decimals.
    private const double Log10Tolerance = 1e-3;

    private static IEnumerable<TestCaseData> Results()
    {
        yield return new TestCaseData(SyntheticResults.Diverged(seed: 7)).SetArgDisplayNames("diverged, valley selected");
        yield return new TestCaseData(SyntheticResults.Diverged(seed: 11, selector: "minimum")).SetArgDisplayNames("minimum selected");
        yield return new TestCaseData(SyntheticResults.Diverged(seed: 3, selector: "steep")).SetArgDisplayNames("steep selected");
    }

    [TestCaseSource(nameof(Results))]
    public void Each_suggestion_has_exactly_one_marker_line_at_the_learning_rate_it_returns(LrFinderResult result)
    {
        var plot = SvgPlot.Render(result);
        for (int i = 0; i < result.Suggestions.Count; i++)
        {
            var suggestion = result.Suggestions[i];
            var lines = plot.VerticalLines(LrPlotStyle.SuggestionColor(i));
            Assert.That(lines, Has.Count.EqualTo(1), suggestion.Method);
            double drawnAt = plot.LearningRateAt(lines[0].Points[0].X);
            Assert.That(Math.Log10(drawnAt), Is.EqualTo(Math.Log10(suggestion.LearningRate!.Value)).Within(Log10Tolerance), suggestion.Method);
        }
    }

    [TestCaseSource(nameof(Results))]
    public void Each_suggestion_has_exactly_one_label_whose_number_is_the_number_the_text_report_prints(LrFinderResult result)
    {
        var plot = SvgPlot.Render(result);
        string report = result.ToText();
        foreach (var suggestion in result.Suggestions)
        {
            var labels = plot.Texts.Where(t => t.Content.StartsWith(suggestion.Method, StringComparison.Ordinal)).ToArray();
            Assert.That(labels, Has.Length.EqualTo(1), suggestion.Method);

            string labelNumber = SuggestedNumber(labels[0].Content, suggestion.Method);
            var reportLine = report.Split('\n').Single(l => l.TrimStart().StartsWith("* " + suggestion.Method, StringComparison.Ordinal));
            Assert.That(labelNumber, Is.EqualTo(SuggestedNumber(reportLine.TrimStart()[2..], suggestion.Method)), suggestion.Method);

            // And the number is the suggested learning rate to the two digits shown, not the point's or a tenth of it.
            double shown = double.Parse(labelNumber, CultureInfo.InvariantCulture);
            Assert.That(shown / suggestion.LearningRate!.Value, Is.EqualTo(1).Within(0.01), suggestion.Method);
        }
    }

    [Test]
    public void Minimum_draws_the_loss_minimum_point_and_a_marker_at_a_tenth_of_its_learning_rate()
    {
        var result = SyntheticResults.Diverged();
        int index = result.Suggestions.ToList().FindIndex(s => s.Method == "minimum");
        var minimum = result.Suggestions[index];
        var point = minimum.Point!.Value;
        var plot = SvgPlot.Render(result);
        var color = SvgPlot.Rgb(LrPlotStyle.SuggestionColor(index));

        var line = plot.VerticalLines(LrPlotStyle.SuggestionColor(index)).Single();
        Assert.That(Math.Log10(plot.LearningRateAt(line.Points[0].X)), Is.EqualTo(Math.Log10(point.LearningRate / 10)).Within(Log10Tolerance));

        var marker = plot.Ellipses.Single(e => e.Fill == color);
        Assert.That(Math.Log10(plot.LearningRateAt(marker.X)), Is.EqualTo(Math.Log10(point.LearningRate)).Within(Log10Tolerance));

        // The synthetic sweep's minimum sits at 7.92e-2, as in the user story (a minimum near 1e-1 reported as 0.008).
        var label = plot.Texts.Single(t => t.Content.StartsWith("minimum", StringComparison.Ordinal));
        Assert.That(label.Content, Is.EqualTo("minimum/10 = 7.92e-3 (loss minimum at 7.92e-2)"));
    }

    [Test]
    public void Suggestions_read_at_their_point_mark_that_point_on_the_curve()
    {
        var result = SyntheticResults.Diverged();
        var plot = SvgPlot.Render(result);
        for (int i = 0; i < result.Suggestions.Count; i++)
        {
            var point = result.Suggestions[i].Point!.Value;
            var marker = plot.Ellipses.Single(e => e.Fill == SvgPlot.Rgb(LrPlotStyle.SuggestionColor(i)));
            Assert.That(Math.Log10(plot.LearningRateAt(marker.X)), Is.EqualTo(Math.Log10(point.LearningRate)).Within(Log10Tolerance));
        }
    }

    [Test]
    public void Points_outside_the_suggestion_window_are_drawn_grey_and_the_window_in_the_curve_colour()
    {
        var result = SyntheticResults.Diverged();
        var curve = result.Curve;
        var plot = SvgPlot.Render(result, new LrPlotOptions { ShowRawLoss = false });
        var grey = plot.CurveLines(LrPlotStyle.OutsideWindow).SelectMany(p => p.Points).ToArray();
        var window = plot.CurveLines(LrPlotStyle.Curve).SelectMany(p => p.Points).ToArray();

        double firstInWindow = curve.Points[curve.WindowStart].LearningRate;
        double lastInWindow = curve.Points[curve.WindowEnd - 1].LearningRate;
        Assert.Multiple(() =>
        {
            // Grey: the points before the window and after it, each part joined to the window's end point.
            Assert.That(grey, Has.Length.EqualTo(curve.Points.Count - curve.WindowLength + 2));
            Assert.That(grey.Select(p => plot.LearningRateAt(p.X)), Has.All.Matches<double>(
                lr => lr <= firstInWindow * 1.001 || lr >= lastInWindow * 0.999));
            Assert.That(window, Has.Length.EqualTo(curve.WindowLength));
            Assert.That(Math.Log10(plot.LearningRateAt(window[0].X)), Is.EqualTo(Math.Log10(firstInWindow)).Within(Log10Tolerance));
            Assert.That(Math.Log10(plot.LearningRateAt(window[^1].X)), Is.EqualTo(Math.Log10(lastInWindow)).Within(Log10Tolerance));
        });
    }

    [TestCase(LrFinderStopReason.Diverged, "the loss diverged")]
    [TestCase(LrFinderStopReason.NonFiniteLoss, "the loss became NaN or infinite")]
    [TestCase(LrFinderStopReason.Cancelled, "the sweep was cancelled")]
    public void An_early_stop_is_stated_on_the_plot(LrFinderStopReason reason, string words)
    {
        var points = SyntheticResults.UShapedPoints();
        if (reason == LrFinderStopReason.NonFiniteLoss)
        {
            points[^1] = points[^1] with { Loss = double.NaN, SmoothedLoss = double.NaN };
        }

        var result = Result(points, reason);
        var plot = SvgPlot.Render(result);
        var note = plot.Texts.Single(t => t.Content.StartsWith("Stopped early", StringComparison.Ordinal));
        Assert.That(note.Content, Does.Contain(words).And.Contain($"iteration {points[^1].Iteration}"));
        Assert.That(plot.Texts.Count(t => t.Content.StartsWith("stopped: ", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void A_completed_sweep_carries_no_early_stop_note()
    {
        var result = Result(SyntheticResults.UShapedPoints(stopOnDivergence: false), LrFinderStopReason.Completed);
        var plot = SvgPlot.Render(result);
        Assert.That(plot.Texts.Select(t => t.Content), Has.None.Contains("topped"));
    }

    [Test]
    public void The_selected_suggestion_stands_out()
    {
        var result = SyntheticResults.Diverged(selector: "slide");
        var plot = SvgPlot.Render(result);
        for (int i = 0; i < result.Suggestions.Count; i++)
        {
            var suggestion = result.Suggestions[i];
            bool selected = ReferenceEquals(suggestion, result.Selected);
            var line = plot.VerticalLines(LrPlotStyle.SuggestionColor(i)).Single();
            var label = plot.Texts.Single(t => t.Content.StartsWith(suggestion.Method, StringComparison.Ordinal));
            Assert.Multiple(() =>
            {
                Assert.That(line.DashArray, selected ? Is.Null : Is.Not.Null, suggestion.Method);
                Assert.That(line.Width, selected ? Is.GreaterThan(2) : Is.LessThan(2), suggestion.Method);
                Assert.That(label.FontWeight, Is.EqualTo(selected ? "700" : "400"), suggestion.Method);
                Assert.That(label.Content, selected ? Does.EndWith("selected") : Does.Not.Contain("selected"), suggestion.Method);
            });
        }
    }

    [Test]
    public void The_learning_rate_axis_is_labelled_by_decade_at_the_decades()
    {
        var plot = SvgPlot.Render(SyntheticResults.Diverged());
        for (int exponent = -7; exponent <= 1; exponent++)
        {
            string name = "1e" + exponent.ToString(CultureInfo.InvariantCulture);
            var label = plot.Texts.Single(t => t.Content == name);
            Assert.That(Math.Log10(plot.LearningRateAt(label.Position.X)), Is.EqualTo(exponent).Within(Log10Tolerance), name);
        }
    }

    [TestCase(7, 1000, 640)]
    [TestCase(11, 1000, 640)]
    [TestCase(7, 640, 420)]
    [TestCase(5, 480, 360)]
    public void Labels_do_not_overlap_each_other_and_stay_inside_the_plot_area(int seed, int width, int height)
    {
        var result = SyntheticResults.Diverged(seed);
        var plot = SvgPlot.Render(result, new LrPlotOptions { Width = width, Height = height });
        var colors = Enumerable.Range(0, result.Suggestions.Count).Select(i => SvgPlot.Rgb(LrPlotStyle.SuggestionColor(i))).ToHashSet();
        var boxes = plot.Rectangles.Where(r => colors.Contains(r.Stroke!)).ToArray();
        var area = plot.Model.PlotArea;
        Assert.That(boxes, Has.Length.EqualTo(result.Suggestions.Count));
        foreach (var box in boxes)
        {
            Assert.That(box.X, Is.GreaterThanOrEqualTo(area.Left - 0.5));
            Assert.That(box.X + box.Width, Is.LessThanOrEqualTo(area.Right + 0.5));
            Assert.That(box.Y, Is.GreaterThanOrEqualTo(area.Top - 0.5));
            foreach (var other in boxes.Where(b => b != box))
            {
                bool apart = box.X + box.Width <= other.X || other.X + other.Width <= box.X
                    || box.Y + box.Height <= other.Y || other.Y + other.Height <= box.Y;
                Assert.That(apart, Is.True, $"{box} overlaps {other}");
            }
        }
    }

    [Test]
    public void Svg_text_uses_DejaVu_Sans_with_a_sans_serif_fallback_when_it_is_installed()
    {
        Assume.That(SKFontManager.Default.GetFontFamilies(), Does.Contain(LrPlotOptions.PreferredFontFamily));
        var plot = SvgPlot.Render(SyntheticResults.Diverged());
        Assert.That(plot.Texts.Select(t => t.FontFamily).Distinct(), Is.EqualTo(new[] { "DejaVu Sans, sans-serif" }));
    }

    [Test]
    public void A_curve_without_suggestions_and_with_a_NaN_tail_still_renders_and_says_so()
    {
        var points = SyntheticResults.UShapedPoints();
        points[^1] = points[^1] with { Loss = double.PositiveInfinity, SmoothedLoss = double.NaN };
        var curve = new LrCurve(points, SyntheticResults.RequestedIterations);
        var result = new LrFinderResult(curve, LrFinderStopReason.NonFiniteLoss, [LrSuggestion.None("valley", "no valley found.")],
            null, [], new LrFinderOptions(), TimeSpan.Zero);
        var plot = SvgPlot.Render(result);
        Assert.That(plot.Texts.Select(t => t.Content), Has.Some.EqualTo("No suggestion from valley (see the report for why)."));
    }

    [Test]
    public void An_empty_curve_renders_on_the_options_learning_rate_range()
    {
        var result = new LrFinderResult(new LrCurve([], 100), LrFinderStopReason.Cancelled, [], null, [], new LrFinderOptions(), TimeSpan.Zero);
        var plot = SvgPlot.Render(result);
        Assert.That(plot.LearningRateAxis.ActualMinimum, Is.EqualTo(1e-7).Within(1e-20));
        Assert.That(plot.LearningRateAxis.ActualMaximum, Is.EqualTo(10).Within(1e-12));
    }

    [TestCase(800, 500, 96)]
    [TestCase(1600, 1000, 192)]
    public void Png_is_a_valid_png_of_the_requested_size(int width, int height, double dpi)
    {
        string path = Path.Combine(TempFolder(), "plot.png");
        SyntheticResults.Diverged().SavePlot(path, width, height, dpi);

        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.That(bitmap, Is.Not.Null);
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((width, height)));
    }

    [TestCase("plot.svg", "<svg")]
    [TestCase("PLOT.SVG", "<svg")]
    [TestCase("plot.PNG", "\u0089PNG")]
    public void SavePlot_chooses_the_format_from_the_extension(string name, string start)
    {
        string path = Path.Combine(TempFolder(), name);
        SyntheticResults.Diverged().SavePlot(path);
        string head = new(File.ReadAllBytes(path).Take(300).Select(b => (char)b).ToArray());
        Assert.That(head, Does.Contain(start));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file is left");
    }

    [TestCase("plot.jpg")]
    [TestCase("plot")]
    [TestCase("plot.svg.txt")]
    public void An_unknown_extension_is_rejected_naming_the_path(string name)
    {
        string path = Path.Combine(TempFolder(), name);
        var ex = Assert.Throws<ArgumentException>(() => SyntheticResults.Diverged().SavePlot(path));
        Assert.That(ex!.Message, Does.Contain(path));
        Assert.That(ex.ParamName, Is.EqualTo("path"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void SavePlot_writes_to_a_stream_and_leaves_it_open()
    {
        using var stream = new MemoryStream();
        SyntheticResults.Diverged().SavePlot(stream, LrPlotFormat.Png, new LrPlotOptions { Width = 400, Height = 300 });
        Assert.That(stream.CanWrite, Is.True);
        using var bitmap = SKBitmap.Decode(stream.ToArray());
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((400, 300)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticResults.Diverged().SavePlot(stream, (LrPlotFormat)7));
    }

    [Test]
    public void Out_of_range_options_are_rejected_naming_the_setting()
    {
        var result = SyntheticResults.Diverged();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => result.ToPlotModel(new LrPlotOptions { Dpi = 0 }));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrPlotOptions.Dpi)));
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => result.SavePlot(Path.Combine(TempFolder(), "p.png"), 10, 600));
        Assert.That(ex!.ParamName, Is.EqualTo(nameof(LrPlotOptions.Width)));
    }

    private static LrFinderResult Result(LrCurvePoint[] points, LrFinderStopReason reason)
    {
        var curve = new LrCurve(points, SyntheticResults.RequestedIterations);
        var suggestions = SyntheticResults.StandardSuggestions(curve);
        return new LrFinderResult(curve, reason, suggestions, suggestions[0], [], new LrFinderOptions(), TimeSpan.Zero);
    }

    /// <summary>The suggested value in a label: the number after the method name, or after "=" for a derived value.</summary>
    private static string SuggestedNumber(string label, string method)
    {
        var match = SuggestedNumberPattern().Match(label[method.Length..]);
        Assert.That(match.Success, Is.True, label);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^(?:/\d+ = | = | )([0-9.]+e[-+][0-9]+)")]
    private static partial Regex SuggestedNumberPattern();

    private static string TempFolder()
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "plot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
