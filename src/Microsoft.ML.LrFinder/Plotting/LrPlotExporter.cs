using System.Text;
using Microsoft.ML.LrFinder.Reporting;
using OxyPlot;
using OxyPlot.SkiaSharp;

namespace Microsoft.ML.LrFinder.Plotting;

/// <summary>Renders a plot model to PNG (SkiaSharp) or SVG (OxyPlot.Core's exporter, measuring text with Skia).</summary>
internal static class LrPlotExporter
{
    /// <summary>A checked copy of the caller's options (never modified), or the defaults.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static LrPlotOptions CheckedCopy(LrPlotOptions? options)
    {
        var copy = options?.Clone() ?? new LrPlotOptions();
        copy.Validate();
        return copy;
    }

    /// <summary>Builds the plot of a result (a sweep's or a tuning's) with a checked copy of the options.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    public static PlotModel Build<TResult>(TResult result, LrPlotOptions? options, Func<TResult, LrPlotOptions, PlotModel> build)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(result);
        return build(result, CheckedCopy(options));
    }

    /// <summary>
    /// Builds the plot of a result and writes it to a file whose extension names the format (<c>.png</c> or <c>.svg</c>),
    /// through a temporary file moved into place.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or its extension is neither .png nor .svg.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    public static void Save<TResult>(TResult result, string path, LrPlotOptions? options, Func<TResult, LrPlotOptions, PlotModel> build)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = FormatOf(path);
        var actual = CheckedCopy(options);
        var model = build(result, actual);
        AtomicFile.Write(path, stream => Export(model, stream, format, actual));
    }

    public static void Export(PlotModel model, Stream stream, LrPlotFormat format, LrPlotOptions options)
    {
        string font = PlotFonts.Resolve(options.FontFamily);
        model.DefaultFont = font;
        switch (format)
        {
            case LrPlotFormat.Png:
                // Text shaping only matters for scripts our labels never use; without it PNG export needs no HarfBuzz native library.
                var png = new PngExporter { Width = options.Width, Height = options.Height, Dpi = (float)options.Dpi, UseTextShaping = false };
                png.Export(model, stream);
                break;
            case LrPlotFormat.Svg:
                ExportSvg(model, stream, font, options);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "must be Png or Svg.");
        }
    }

    private static LrPlotFormat FormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PNG" => LrPlotFormat.Png,
        ".SVG" => LrPlotFormat.Svg,
        _ => throw new ArgumentException($"'{path}': unknown image extension; use .png or .svg.", nameof(path)),
    };

    private static void ExportSvg(PlotModel model, Stream stream, string font, LrPlotOptions options)
    {
        // OxyPlot's default SVG text measurer knows only PDF's standard fonts; measuring with the real font keeps labels and
        // axis titles from being clipped or overlapping when the SVG is shown in that font.
        using var measurer = new SkiaRenderContext { RenderTarget = RenderTarget.VectorGraphic, UseTextShaping = false };
        var exporter = new OxyPlot.SvgExporter
        {
            Width = options.Width,
            Height = options.Height,
            TextMeasurer = measurer,

            // Renderers that ignore dominant-baseline (librsvg, Inkscape, several converters) place text correctly with this.
            UseVerticalTextAlignmentWorkaround = true,
        };
        string svg = exporter.ExportToString(model);

        // A viewer without the font should still use a sans-serif one rather than its default serif.
        string attribute = $"font-family=\"{System.Security.SecurityElement.Escape(font)}\"";
        svg = svg.Replace(attribute, attribute[..^1] + ", sans-serif\"", StringComparison.Ordinal);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(svg);
        stream.Write(bytes);
    }
}
