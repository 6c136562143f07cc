namespace Microsoft.ML.LrFinder;

/// <summary>The image formats <see cref="LrFinderPlot"/> writes.</summary>
public enum LrPlotFormat
{
    /// <summary>A PNG bitmap, rendered with SkiaSharp (file extension <c>.png</c>).</summary>
    Png,

    /// <summary>A scalable vector graphic, written by OxyPlot's own SVG exporter (file extension <c>.svg</c>).</summary>
    Svg,
}
