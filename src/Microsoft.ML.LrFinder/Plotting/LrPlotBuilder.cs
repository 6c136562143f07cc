using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Microsoft.ML.LrFinder.Plotting;

/// <summary>Builds the OxyPlot model of a result. Every number drawn comes from <see cref="LrReportFormat"/>, as the reports' do.</summary>
internal static class LrPlotBuilder
{
    // The keys of every axis the plots draw, the tuning plot's right-hand axis among them (LrTunePlotBuilder).
    public const string LearningRateAxisKey = "learningRate";
    public const string LossAxisKey = "loss";
    public const string ValidationLossAxisKey = "validationLoss";

    // Estimates of the space OxyPlot gives the axes, titles and legend (in units of the font size), so that label rows can be
    // sized before OxyPlot lays the plot out. They only need to be close: each row has slack.
    private const double AverageCharacterWidth = 0.62;
    private const double HorizontalChrome = 7.5;
    private const double VerticalChromeBase = 8.5;
    private const double LabelPadding = 4;
    private const double LabelGap = 6;

    public static PlotModel Build(LrFinderResult result, LrPlotOptions options)
    {
        double pageWidth = options.Width * 96 / options.Dpi;
        var subtitleLines = WrappedSubtitleLines(result, options, pageWidth);
        var model = NewModel(result, options, subtitleLines);

        var withValue = Enumerable.Range(0, result.Suggestions.Count).Where(i => result.Suggestions[i].HasValue).ToArray();
        var (xMin, xMax) = LearningRateRange(result);
        bool drawLagFree = result.Suggestions.Any(s => s.HasValue && s.Curve == LrLossCurve.LagFree);
        var (yMin, yTop) = LossRange(result, options.ShowRawLoss, drawLagFree);

        // The label rows sit above the curve's range, so that no label ever hides the curve.
        double chromeRows = VerticalChromeBase + (string.IsNullOrEmpty(model.Title) ? 0 : 1.6) + (1.25 * subtitleLines.Count);
        double plotHeight = Math.Max(80, (options.Height * 96 / options.Dpi) - (chromeRows * options.FontSize));
        double rowHeight = (options.FontSize * 1.2) + (2 * LabelPadding) + 5;
        double rowsFraction = Math.Min(0.6, withValue.Length * rowHeight / plotHeight);
        double yMax = yTop + ((yTop - yMin) * rowsFraction / (1 - rowsFraction));
        double RowCenter(int row) => yMax - ((yMax - yMin) * rowHeight / plotHeight * (row + 0.5));

        AddAxes(model, xMin, xMax, yMin, yMax);
        AddCurves(model, result, options.ShowRawLoss, drawLagFree, xMin, xMax);
        double plotWidth = Math.Max(100, pageWidth - (HorizontalChrome * options.FontSize));
        AddSuggestions(model, result, withValue, options.FontSize, plotWidth, (xMin, xMax), yMin, RowCenter);
        AddLegend(model, options.FontSize);
        return model;
    }

    /// <summary>The lines under the title, each wrapped to the page width (OxyPlot does not wrap titles).</summary>
    private static List<string> WrappedSubtitleLines(LrFinderResult result, LrPlotOptions options, double pageWidth)
    {
        int charactersPerLine = (int)((pageWidth - (2 * options.FontSize)) / (AverageCharacterWidth * options.FontSize));
        return SubtitleLines(result).SelectMany(line => Wrap(line, charactersPerLine)).ToList();
    }

    /// <summary>An empty plot with the title, the subtitle, the fonts and the colours.</summary>
    private static PlotModel NewModel(LrFinderResult result, LrPlotOptions options, List<string> subtitleLines)
    {
        var model = new PlotModel
        {
            Title = string.IsNullOrEmpty(options.Title) ? null : options.Title,
            Subtitle = subtitleLines.Count == 0 ? null : string.Join("\n", subtitleLines),
            SubtitleColor = LrReportFormat.StoppedEarly(result.StopReason) ? LrPlotStyle.EarlyStop : LrPlotStyle.Text,
            DefaultFontSize = options.FontSize,
            TitleFontSize = options.FontSize * 1.35,
            SubtitleFontSize = options.FontSize,
            TitleFontWeight = FontWeights.Bold,
            TextColor = LrPlotStyle.Text,
            Background = OxyColors.White,
            PlotAreaBorderColor = LrPlotStyle.Border,
            PlotAreaBorderThickness = new OxyThickness(1),
            Padding = new OxyThickness(options.FontSize * 0.6),
        };
        if (options.FontFamily is { Length: > 0 } font)
        {
            model.DefaultFont = font;
        }

        return model;
    }

    /// <summary>The logarithmic learning-rate axis, labelled by decade, and the loss axis.</summary>
    private static void AddAxes(PlotModel model, double xMin, double xMax, double yMin, double yMax)
    {
        var learningRate = new DecadeLogAxis { MinorGridlineStyle = LineStyle.Solid, MinorGridlineColor = LrPlotStyle.MinorGrid };
        model.Axes.Add(Styled(learningRate, LearningRateAxisKey, AxisPosition.Bottom, "learning rate (log scale)", xMin, xMax, LrReportFormat.AxisLearningRate));
        model.Axes.Add(Styled(new LinearAxis(), LossAxisKey, AxisPosition.Left, "loss", yMin, yMax, LrFormat.Loss));
    }

    /// <summary>Places an axis and gives it the plot's grid and ticks.</summary>
    private static Axis Styled(Axis axis, string key, AxisPosition position, string title, double minimum, double maximum, Func<double, string> labels)
    {
        axis.Key = key;
        axis.Position = position;
        axis.Title = title;
        axis.Minimum = minimum;
        axis.Maximum = maximum;
        axis.LabelFormatter = labels;
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = LrPlotStyle.MajorGrid;
        axis.TickStyle = TickStyle.Outside;
        return axis;
    }

    /// <summary>The shade outside the suggestion window, the loss curves and the early-stop line.</summary>
    private static void AddCurves(PlotModel model, LrFinderResult result, bool showRawLoss, bool drawLagFree, double xMin, double xMax)
    {
        AddOutsideWindowShade(model, result.Curve, xMin, xMax);
        AddCurve(model, result.Curve, showRawLoss);
        if (drawLagFree)
        {
            AddLagFreeCurve(model, result);
        }

        AddEarlyStop(model, result, xMin, xMax);
    }

    /// <summary>
    /// One marker line, point and label per suggestion with a value, the labels in rows that do not overlap. Lines first (the
    /// selected one last, on top), then the points on the curve, then the labels, so nothing hides a marker.
    /// </summary>
    private static void AddSuggestions(
        PlotModel model, LrFinderResult result, int[] withValue, double fontSize, double plotWidth, (double Min, double Max) x, double yMin, Func<int, double> rowCenter)
    {
        var lineFractions = withValue.Select(i => Fraction(result.Suggestions[i].LearningRate!.Value, x.Min, x.Max)).ToArray();
        var labels = withValue.Select(i => LabelText(result, result.Suggestions[i])).ToArray();
        var widths = labels.Select(text => (LabelGap + (2 * LabelPadding) + (text.Length * AverageCharacterWidth * fontSize)) / plotWidth).ToArray();
        var placements = LabelLayout.Arrange(lineFractions, widths);

        var drawOrder = Enumerable.Range(0, withValue.Length).OrderBy(k => ReferenceEquals(result.Suggestions[withValue[k]], result.Selected)).ToArray();
        foreach (int k in drawOrder)
        {
            var suggestion = result.Suggestions[withValue[k]];
            AddMarkerLine(model, suggestion, LrPlotStyle.SuggestionColor(withValue[k]), ReferenceEquals(suggestion, result.Selected),
                rowCenter(placements[k].Row), yMin);
        }

        foreach (int k in drawOrder)
        {
            var suggestion = result.Suggestions[withValue[k]];
            AddPoint(model, suggestion, LrPlotStyle.SuggestionColor(withValue[k]), ReferenceEquals(suggestion, result.Selected));
        }

        foreach (int k in drawOrder)
        {
            var suggestion = result.Suggestions[withValue[k]];
            AddLabel(model, suggestion, labels[k], LrPlotStyle.SuggestionColor(withValue[k]), ReferenceEquals(suggestion, result.Selected),
                placements[k], rowCenter(placements[k].Row), x.Min, x.Max, LabelGap + LabelPadding);
        }
    }

    /// <summary>The legend, under the plot in one row.</summary>
    private static void AddLegend(PlotModel model, double fontSize) =>
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.BottomCenter,
            LegendOrientation = LegendOrientation.Horizontal,
            LegendBorderThickness = 0,
            LegendFontSize = fontSize * 0.95,
            LegendSymbolLength = fontSize * 2,
        });

    /// <summary>The text of a suggestion's label on the plot: the shared label, plus a mark on the selected one.</summary>
    public static string LabelText(LrFinderResult result, LrSuggestion suggestion)
    {
        string label = LrReportFormat.SuggestionLabel(suggestion) ?? suggestion.Method;
        // No-break spaces: SVG viewers collapse runs of ordinary spaces.
        return ReferenceEquals(suggestion, result.Selected) ? label + "\u00A0\u00A0◀ selected" : label;
    }

    /// <summary>Breaks a line at spaces so that no part is longer than the width (OxyPlot does not wrap titles).</summary>
    private static IEnumerable<string> Wrap(string line, int width)
    {
        var current = new System.Text.StringBuilder();
        foreach (string word in line.Split(' '))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                yield return current.ToString();
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static List<string> SubtitleLines(LrFinderResult result)
    {
        var lines = new List<string>();
        if (LrReportFormat.StoppedEarly(result.StopReason))
        {
            lines.Add(LrReportFormat.StopReason(result));
        }

        var none = result.Suggestions.Where(s => !s.HasValue).Select(s => s.Method).ToArray();
        if (none.Length > 0)
        {
            lines.Add($"No suggestion from {string.Join(", ", none)} (see the report for why).");
        }

        if (result.Curve.WindowLength == 0 && result.Curve.Points.Count > 0)
        {
            lines.Add("The suggestion window is empty: no point of this curve could be used.");
        }

        return lines;
    }

    private static void AddCurve(PlotModel model, LrCurve curve, bool showRawLoss)
    {
        var points = curve.Points;
        if (showRawLoss)
        {
            var raw = NewLine("loss (raw)", LrPlotStyle.RawLoss, 1);
            raw.Points.AddRange(points.Select(p => Point(p.LearningRate, p.Loss)));
            model.Series.Add(raw);
        }

        // Each grey part shares its end point with the window's part, so the curve is drawn without a gap.
        int start = curve.WindowStart;
        int end = curve.WindowEnd;
        var before = NewLine("smoothed loss, not used by the suggestions", LrPlotStyle.OutsideWindow, 2);
        before.Points.AddRange(points.Take(Math.Min(points.Count, start + 1)).Select(SmoothedPoint));
        var window = NewLine("smoothed loss, suggestion window", LrPlotStyle.Curve, 2.25);
        window.Points.AddRange(points.Skip(start).Take(curve.WindowLength).Select(SmoothedPoint));
        var after = NewLine(null, LrPlotStyle.OutsideWindow, 2);
        after.Points.AddRange(points.Skip(curve.WindowLength == 0 ? points.Count : end - 1).Select(SmoothedPoint));
        if (curve.WindowLength == 0)
        {
            before.Points.Clear();
            before.Points.AddRange(points.Select(SmoothedPoint));
        }

        model.Series.Add(before);
        model.Series.Add(after);
        model.Series.Add(window);
    }

    /// <summary>The lag-free curve, drawn where our rules read it and named after the rules that read it.</summary>
    private static void AddLagFreeCurve(PlotModel model, LrFinderResult result)
    {
        var readers = result.Suggestions.Where(s => s.HasValue && s.Curve == LrLossCurve.LagFree).Select(s => s.Method);
        var line = NewLine($"lag-free loss, read by {string.Join(", ", readers)}", LrPlotStyle.LagFreeCurve, 2.25);
        line.LineStyle = LineStyle.Solid;
        line.Points.AddRange(result.Curve.Points.Select(p => Point(p.LearningRate, p.LagFreeLoss)));
        model.Series.Add(line);
    }

    private static void AddOutsideWindowShade(PlotModel model, LrCurve curve, double xMin, double xMax)
    {
        var points = curve.Points;
        if (points.Count == 0)
        {
            return;
        }

        double first = curve.WindowLength == 0 ? xMax : points[curve.WindowStart].LearningRate;
        double last = curve.WindowLength == 0 ? xMax : points[curve.WindowEnd - 1].LearningRate;
        foreach (var (from, to) in new[] { (xMin, first), (last, xMax) })
        {
            if (to > from && from > 0)
            {
                model.Annotations.Add(new RectangleAnnotation
                {
                    MinimumX = from,
                    MaximumX = to,
                    Fill = LrPlotStyle.OutsideWindowShade,
                    Layer = AnnotationLayer.BelowSeries,
                });
            }
        }
    }

    private static void AddEarlyStop(PlotModel model, LrFinderResult result, double xMin, double xMax)
    {
        var points = result.Curve.Points;
        if (!LrReportFormat.StoppedEarly(result.StopReason) || points.Count == 0 || !(points[^1].LearningRate > 0))
        {
            return;
        }

        var last = points[^1];
        string text = result.StopReason switch
        {
            LrFinderStopReason.Diverged => "diverged",
            LrFinderStopReason.NonFiniteLoss => "loss not finite",
            _ => "cancelled",
        };
        model.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Vertical,
            X = last.LearningRate,
            Color = LrPlotStyle.EarlyStop,
            LineStyle = LineStyle.Dot,
            StrokeThickness = 1.5,
            Text = "stopped: " + text,
            TextColor = LrPlotStyle.EarlyStop,
            TextOrientation = AnnotationTextOrientation.Vertical,
            TextLinePosition = 0.02,
            TextHorizontalAlignment = HorizontalAlignment.Left,

            // Vertical text's top faces left: Top writes it right of the line, Bottom left of it. The line is the last point, often
            // at the right border, where text right of it would be cut: write it on the side with room.
            TextVerticalAlignment = Fraction(last.LearningRate, xMin, xMax) > 0.5 ? VerticalAlignment.Bottom : VerticalAlignment.Top,
        });
    }

    /// <summary>The marker: a vertical line at exactly the returned learning rate, from the axis up to the label's row.</summary>
    private static void AddMarkerLine(PlotModel model, LrSuggestion suggestion, OxyColor color, bool selected, double rowCenter, double yMin)
    {
        double lr = suggestion.LearningRate!.Value;
        model.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Vertical,
            X = lr,
            MinimumY = yMin,
            MaximumY = rowCenter,
            Color = color,
            StrokeThickness = selected ? 2.75 : 1.5,
            LineStyle = selected ? LineStyle.Solid : LineStyle.Dash,
        });

        double pointLoss = suggestion.PointLoss;
        if (suggestion.Point is { } point && point.LearningRate > 0 && double.IsFinite(pointLoss) && !LrReportFormat.IsAtPoint(suggestion))
        {
            // The value is derived from the point (minimum: a tenth of its learning rate): show the step from one to the other.
            model.Annotations.Add(new ArrowAnnotation
            {
                StartPoint = new DataPoint(point.LearningRate, pointLoss),
                EndPoint = new DataPoint(lr, pointLoss),
                Color = color,
                StrokeThickness = 1.5,
                LineStyle = LineStyle.Solid,
                HeadLength = 7,
                HeadWidth = 3.5,
            });
        }
    }

    /// <summary>The point of the curve the suggestion was read from.</summary>
    private static void AddPoint(PlotModel model, LrSuggestion suggestion, OxyColor color, bool selected)
    {
        if (suggestion.Point is { } point && point.LearningRate > 0 && double.IsFinite(suggestion.PointLoss))
        {
            model.Annotations.Add(new PointAnnotation
            {
                X = point.LearningRate,
                Y = suggestion.PointLoss,
                Shape = MarkerType.Circle,
                Size = selected ? 6.5 : 5,
                Fill = color,
                Stroke = OxyColors.White,
                StrokeThickness = 1.5,
            });
        }
    }

    private static void AddLabel(
        PlotModel model,
        LrSuggestion suggestion,
        string label,
        OxyColor color,
        bool selected,
        LabelLayout.Placement placement,
        double rowCenter,
        double xMin,
        double xMax,
        double gap)
    {
        // The label hangs off its line at a fixed gap in screen units, so its edge is exact whatever the text measures.
        var text = new TextAnnotation
        {
            Text = label,
            TextPosition = new DataPoint(suggestion.LearningRate!.Value, rowCenter),
            Offset = new ScreenVector(placement.RightOfLine ? gap : -gap, 0),
            TextHorizontalAlignment = placement.RightOfLine ? HorizontalAlignment.Left : HorizontalAlignment.Right,
            TextVerticalAlignment = VerticalAlignment.Middle,
            FontWeight = selected ? FontWeights.Bold : FontWeights.Normal,
            TextColor = LrPlotStyle.Text,
            Background = LrPlotStyle.LabelBackground,
            Stroke = color,
            StrokeThickness = selected ? 2 : 1,
            Padding = new OxyThickness(LabelPadding),
        };
        if (placement.Shifted)
        {
            text.TextPosition = new DataPoint(FromFraction(placement.Start, xMin, xMax), rowCenter);
            text.Offset = new ScreenVector(LabelPadding, 0);
            text.TextHorizontalAlignment = HorizontalAlignment.Left;
        }

        model.Annotations.Add(text);
    }

    private static (double Min, double Max) LearningRateRange(LrFinderResult result)
    {
        var values = result.Curve.Points.Select(p => p.LearningRate)
            .Concat(result.Suggestions.Where(s => s.HasValue).Select(s => s.LearningRate!.Value))
            .Concat(result.Suggestions.Where(s => s.Point.HasValue).Select(s => s.Point!.Value.LearningRate))
            .Where(v => v > 0 && double.IsFinite(v))
            .ToArray();
        if (values.Length == 0)
        {
            values = [result.Options.StartLearningRate, result.Options.EndLearningRate];
        }

        double low = Math.Floor(Math.Log10(values.Min()) + 1e-9);
        double high = Math.Ceiling(Math.Log10(values.Max()) - 1e-9);
        if (high <= low)
        {
            high = low + 1;
        }

        return (Math.Pow(10, low), Math.Pow(10, high));
    }

    private static (double Min, double Max) LossRange(LrFinderResult result, bool includeRawLoss, bool includeLagFree)
    {
        var curve = result.Curve;
        var points = curve.Points;
        var smoothed = points.Where(p => p.LearningRate > 0).Select(p => p.SmoothedLoss).Where(double.IsFinite).ToArray();
        if (smoothed.Length == 0)
        {
            return (0, 1);
        }

        double low = smoothed.Min();

        // The reference level is the highest point up to the loss minimum (the fall the suggestions read); past the minimum
        // the curve may rise by one more span. A diverging tail is cut there rather than squashing the interesting part flat.
        int lowest = Array.IndexOf(smoothed, low);
        double reference = smoothed.Take(lowest + 1).Max();
        double span = reference - low;
        if (!(span > 0))
        {
            span = low != 0 ? Math.Abs(low) * 0.1 : 1;
        }

        // The raw loss, drawn faintly, may run below the smoothed curve; show it down to one span below.
        var raw = points.Where(p => includeRawLoss && p.LearningRate > 0).Select(p => p.Loss).Where(double.IsFinite).DefaultIfEmpty(low);
        low = Math.Max(Math.Min(low, raw.Min()), low - span);

        double high = Math.Min(smoothed.Max(), reference + span);

        // Whatever the shape (a noisy start can put the lowest smoothed value first and make the span above tiny), every marked
        // point and the whole window of each curve a rule reads stay inside the axes.
        var mustShow = Enumerable.Range(curve.WindowStart, curve.WindowLength).Select(i => points[i].SmoothedLoss)
            .Concat(includeLagFree ? points.Select(p => p.LagFreeLoss) : [])
            .Concat(result.Suggestions.Select(s => s.PointLoss))
            .Where(double.IsFinite)
            .ToArray();
        if (mustShow.Length > 0)
        {
            low = Math.Min(low, mustShow.Min());
            high = Math.Max(high, mustShow.Max());
        }

        if (!(high > low))
        {
            high = low + span;
        }

        double pad = (high - low) * 0.05;
        return (low - pad, high + pad);
    }

    private static LineSeries NewLine(string? title, OxyColor color, double thickness) => new()
    {
        Title = title,
        Color = color,
        StrokeThickness = thickness,
        XAxisKey = LearningRateAxisKey,
        YAxisKey = LossAxisKey,
        LineJoin = LineJoin.Round,
        RenderInLegend = title is not null,
    };

    private static DataPoint SmoothedPoint(LrCurvePoint point) => Point(point.LearningRate, point.SmoothedLoss);

    // A non-finite value or a learning rate a log axis cannot show breaks the line instead of sending it off the plot.
    private static DataPoint Point(double learningRate, double loss) =>
        learningRate > 0 && double.IsFinite(learningRate) && double.IsFinite(loss) ? new DataPoint(learningRate, loss) : DataPoint.Undefined;

    private static double Fraction(double value, double min, double max) =>
        (Math.Log10(value) - Math.Log10(min)) / (Math.Log10(max) - Math.Log10(min));

    private static double FromFraction(double fraction, double min, double max) =>
        Math.Pow(10, Math.Log10(min) + (fraction * (Math.Log10(max) - Math.Log10(min))));
}
