using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.ML.LrFinder.Plotting;
using OxyPlot;
using OxyPlot.Axes;

namespace Microsoft.ML.LrFinder.Tests.Plotting;

/// <summary>
/// An exported SVG read back into the shapes OxyPlot wrote (polylines, ellipses, rectangles, texts), with the learning-rate
/// axis of the model it came from, so tests can map x coordinates back to learning rates.
/// </summary>
internal sealed partial class SvgPlot
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private SvgPlot(string text, PlotModel model)
    {
        Source = text;
        Model = model;
        var document = XDocument.Parse(text);
        Polylines = document.Descendants(Svg + "polyline").Select(e => new Polyline(
            e.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ParsePoint).ToArray(),
            StyleValue(e, "stroke"),
            double.Parse(StyleValue(e, "stroke-width") ?? "1", CultureInfo.InvariantCulture),
            StyleValue(e, "stroke-dasharray"))).ToArray();
        Ellipses = document.Descendants(Svg + "ellipse").Select(e => new Ellipse(
            Number(e, "cx"), Number(e, "cy"), StyleValue(e, "fill"))).ToArray();
        Rectangles = document.Descendants(Svg + "rect").Where(e => e.Attribute("style") is not null).Select(e => new Rectangle(
            Number(e, "x"), Number(e, "y"), Number(e, "width"), Number(e, "height"), StyleValue(e, "stroke"))).ToArray();
        Texts = document.Descendants(Svg + "text").Select(e => new TextElement(
            ParseTranslate(e.Attribute("transform")!.Value), e.Value, e.Attribute("font-weight")?.Value,
            e.Attribute("font-family")?.Value, e.Attribute("fill")?.Value)).ToArray();
    }

    public string Source { get; }

    public PlotModel Model { get; }

    public IReadOnlyList<Polyline> Polylines { get; }

    public IReadOnlyList<Ellipse> Ellipses { get; }

    public IReadOnlyList<Rectangle> Rectangles { get; }

    public IReadOnlyList<TextElement> Texts { get; }

    public LogarithmicAxis LearningRateAxis => (LogarithmicAxis)Model.Axes.Single(a => a.Key == LrPlotBuilder.LearningRateAxisKey);

    /// <summary>Renders the result as <c>SavePlot</c> does and reads the SVG back.</summary>
    public static SvgPlot Render(LrFinderResult result, LrPlotOptions? options = null)
    {
        options ??= new LrPlotOptions();
        var model = result.ToPlotModel(options);
        using var stream = new MemoryStream();
        LrPlotExporter.Export(model, stream, LrPlotFormat.Svg, options);
        return new SvgPlot(System.Text.Encoding.UTF8.GetString(stream.ToArray()), model);
    }

    /// <summary>
    /// Inverts the logarithmic axis by hand: the plot area's left and right edges are the axis's minimum and maximum, and
    /// log10 of the learning rate is linear in between.
    /// </summary>
    public double LearningRateAt(double x)
    {
        var area = Model.PlotArea;
        var axis = LearningRateAxis;
        double low = Math.Log10(axis.ActualMinimum);
        double high = Math.Log10(axis.ActualMaximum);
        return Math.Pow(10, low + ((x - area.Left) / area.Width * (high - low)));
    }

    public static string Rgb(OxyColor color) => $"rgb({color.R},{color.G},{color.B})";

    /// <summary>The vertical polylines drawn in a colour: all points share one x.</summary>
    public IReadOnlyList<Polyline> VerticalLines(OxyColor color) => Polylines
        .Where(p => p.Stroke == Rgb(color) && p.Points.Length >= 2 && p.Points.All(q => Math.Abs(q.X - p.Points[0].X) < 1e-9))
        .ToArray();

    /// <summary>The polylines drawn in a colour inside the plot area (the legend's samples lie outside it).</summary>
    public IReadOnlyList<Polyline> CurveLines(OxyColor color) => Polylines
        .Where(p => p.Stroke == Rgb(color) && p.Points.All(InPlotArea))
        .ToArray();

    /// <summary>Whether a point lies in the plot area, its edges included (coordinates are rounded to 4 decimals).</summary>
    public bool InPlotArea(ScreenPoint point)
    {
        var area = Model.PlotArea;
        return point.X >= area.Left - 1e-3 && point.X <= area.Right + 1e-3 && point.Y >= area.Top - 1e-3 && point.Y <= area.Bottom + 1e-3;
    }

    private static double Number(XElement element, string name) =>
        double.Parse(element.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    private static string? StyleValue(XElement element, string name)
    {
        string? style = element.Attribute("style")?.Value;
        return style?.Split(';').Select(s => s.Split(':')).Where(kv => kv.Length == 2 && kv[0] == name).Select(kv => kv[1]).FirstOrDefault();
    }

    private static ScreenPoint ParsePoint(string pair)
    {
        var parts = pair.Split(',');
        return new ScreenPoint(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static ScreenPoint ParseTranslate(string transform)
    {
        var match = TranslatePattern().Match(transform);
        return new ScreenPoint(
            double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"translate\(([-0-9.eE]+),([-0-9.eE]+)\)")]
    private static partial Regex TranslatePattern();

    public sealed record Polyline(ScreenPoint[] Points, string? Stroke, double Width, string? DashArray);

    public sealed record Ellipse(double X, double Y, string? Fill);

    public sealed record Rectangle(double X, double Y, double Width, double Height, string? Stroke);

    public sealed record TextElement(ScreenPoint Position, string Content, string? FontWeight, string? FontFamily, string? Fill);
}
