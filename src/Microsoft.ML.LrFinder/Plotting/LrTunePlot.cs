using Microsoft.ML.LrFinder.Plotting;
using OxyPlot;

namespace Microsoft.ML.LrFinder;

/// <summary>The plot of a tuning result: the sweep's plot, with the candidates and the chosen learning rate marked.</summary>
public static class LrTunePlot
{
    /// <summary>
    /// The sweep's plot (see <see cref="LrFinderPlot.ToPlotModel"/>) with every candidate as a dotted vertical line, the chosen
    /// one bold and labelled, and the candidates' held-out losses on a right-hand axis.
    /// </summary>
    /// <param name="result">The tuning result.</param>
    /// <param name="options">How to draw it; default null: <see cref="LrPlotOptions"/> defaults.</param>
    /// <returns>A new plot model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    public static PlotModel ToPlotModel(this LrTuneResult result, LrPlotOptions? options = null) =>
        LrPlotExporter.Build(result, options, LrTunePlotBuilder.Build);

    /// <summary>Saves the plot of <see cref="ToPlotModel"/> as <c>.png</c> or <c>.svg</c> (by extension), through a temporary file.</summary>
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
