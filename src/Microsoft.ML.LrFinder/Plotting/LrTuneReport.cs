using System.Text;
using Microsoft.ML.LrFinder.Plotting;
using Microsoft.ML.LrFinder.Reporting;
using OxyPlot;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Views of a tuning result: the JSON report (the sweep's, with a <c>tune</c> object) and the plot (the sweep's, with the
/// candidates and the chosen learning rate marked). The curve CSV is the sweep's: <c>result.Sweep.SaveCsv(path)</c>.
/// </summary>
public static class LrTuneReport
{
    /// <summary>
    /// The sweep's JSON report (see <see cref="LrFinderReport.ToJson"/>) with one more key, <c>tune</c>: <c>probeSteps</c>,
    /// <c>budgetSteps</c>, <c>candidates</c> (each <c>learningRate</c>, <c>validationLoss</c> and <c>stepsRun</c>; a non-finite
    /// loss is null), <c>chosen</c> (the chosen learning rate, or null) and <c>warnings</c>.
    /// </summary>
    /// <param name="result">The tuning result.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToJson(this LrTuneResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        LrJsonReport.Write(result.Sweep, result, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the JSON report of <see cref="ToJson"/> to a file (UTF-8), through a temporary file moved into place.</summary>
    /// <param name="result">The tuning result.</param>
    /// <param name="path">The file to write; its folder must exist. An existing file is replaced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SaveJson(this LrTuneResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => LrJsonReport.Write(result.Sweep, result, stream));
    }

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
