using System.Text;
using Microsoft.ML.LrFinder.Reporting;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Reports of a tuning result: the plain-text report and the JSON report (the sweep's, with a <c>tune</c> object). The curve
/// CSV is the sweep's (<c>result.Sweep.SaveCsv(path)</c>), and the plot is <see cref="LrTunePlot"/>.
/// </summary>
public static class LrTuneReport
{
    /// <summary>
    /// The plain-text report: the sweep's (<see cref="LrFinderReport.ToText(LrFinderResult)"/>), then each candidate with its
    /// held-out loss, the chosen one and the tuning warnings.
    /// </summary>
    /// <param name="result">The result to describe.</param>
    /// <returns>The report, several lines long.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToText(this LrTuneResult result) => LrTuneTextReport.Create(result);

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
}
