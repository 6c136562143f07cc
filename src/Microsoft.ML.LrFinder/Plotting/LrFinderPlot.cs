using Microsoft.ML.LrFinder.Plotting;
using OxyPlot;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// The loss-versus-learning-rate plot of a sweep, and of a tuning step (the sweep's, with its candidates). Every suggestion is drawn at exactly the learning rate it returns and
/// labelled with the number the text and JSON reports print; a value derived from another point (minimum: a tenth of the
/// loss minimum's learning rate) is drawn with that point and an arrow between them.
/// </summary>
public static class LrFinderPlot
{
    /// <summary>
    /// Builds the plot as an OxyPlot model, to show in any OxyPlot view or export yourself: a logarithmic learning-rate axis
    /// labelled by decade, the smoothed loss (blue inside the suggestion window, grey outside it on a shaded background), the
    /// raw loss faintly behind it, one marker line, point and label per suggestion (the selected one solid and bold), and a
    /// note when the sweep stopped early.
    /// </summary>
    /// <param name="result">The result to draw.</param>
    /// <param name="options">How to draw it; default null: <see cref="LrPlotOptions"/> defaults. Width, Height and FontSize size the label rows.</param>
    /// <returns>A new plot model; it references only OxyPlot.Core types.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    public static PlotModel ToPlotModel(this LrFinderResult result, LrPlotOptions? options = null) =>
        LrPlotExporter.Build(result, options, LrPlotBuilder.Build);

    /// <summary>
    /// Saves the plot as an image whose format follows the file extension: <c>.png</c> (SkiaSharp) or <c>.svg</c>
    /// (OxyPlot's SVG exporter). The file is written to a temporary file in the same folder and moved into place.
    /// </summary>
    /// <param name="result">The result to draw.</param>
    /// <param name="path">The image file; its folder must exist. An existing file is replaced.</param>
    /// <param name="options">Size, resolution, font and what to draw; default null: <see cref="LrPlotOptions"/> defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or its extension is neither .png nor .svg.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written to; the message names the file.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist; the message names the file.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SavePlot(this LrFinderResult result, string path, LrPlotOptions? options = null) =>
        LrPlotExporter.Save(result, path, options, LrPlotBuilder.Build);

    /// <summary>Saves the plot as an image of the given size; the format follows the extension as in <see cref="SavePlot(LrFinderResult, string, LrPlotOptions?)"/>.</summary>
    /// <param name="result">The result to draw.</param>
    /// <param name="path">The image file (<c>.png</c> or <c>.svg</c>); its folder must exist.</param>
    /// <param name="width">The width in pixels; must be in [200, 16384].</param>
    /// <param name="height">The height in pixels; must be in [150, 16384].</param>
    /// <param name="dpi">The PNG resolution; default 96. Must be in [24, 1200]. See <see cref="LrPlotOptions.Dpi"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or its extension is neither .png nor .svg.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or the resolution is out of range.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written to; the message names the file.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist; the message names the file.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SavePlot(this LrFinderResult result, string path, int width, int height, double dpi = 96) =>
        result.SavePlot(path, new LrPlotOptions { Width = width, Height = height, Dpi = dpi });

    /// <summary>Writes the plot to a stream, for example an HTTP response.</summary>
    /// <param name="result">The result to draw.</param>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="options">Size, resolution, font and what to draw; default null: <see cref="LrPlotOptions"/> defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is undefined, or a setting of <paramref name="options"/> is out of range.</exception>
    public static void SavePlot(this LrFinderResult result, Stream stream, LrPlotFormat format, LrPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "must be Png or Svg.");
        }

        var actual = LrPlotExporter.CheckedCopy(options);
        LrPlotExporter.Export(LrPlotBuilder.Build(result, actual), stream, format, actual);
    }

    /// <summary>
    /// The sweep's plot (see <see cref="ToPlotModel(LrFinderResult, LrPlotOptions?)"/>) with every candidate as a dotted vertical line, the chosen
    /// one bold and labelled, and the candidates' held-out losses on a right-hand axis.
    /// </summary>
    /// <param name="result">The tuning result.</param>
    /// <param name="options">How to draw it; default null: <see cref="LrPlotOptions"/> defaults.</param>
    /// <returns>A new plot model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    public static PlotModel ToPlotModel(this LrTuneResult result, LrPlotOptions? options = null) =>
        LrPlotExporter.Build(result, options, LrTunePlotBuilder.Build);

    /// <summary>Saves the plot of <see cref="ToPlotModel(LrTuneResult, LrPlotOptions?)"/> as <c>.png</c> or <c>.svg</c> (by extension), through a temporary file.</summary>
    /// <param name="result">The tuning result.</param>
    /// <param name="path">The image file; its folder must exist. An existing file is replaced.</param>
    /// <param name="options">Size, resolution, font; default null: <see cref="LrPlotOptions"/> defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or its extension is neither .png nor .svg.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SavePlot(this LrTuneResult result, string path, LrPlotOptions? options = null) =>
        LrPlotExporter.Save(result, path, options, LrTunePlotBuilder.Build);
}
