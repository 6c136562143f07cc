using System.Text;
using Microsoft.ML.LrFinder.Reporting;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Reports of a sweep's result: the plain-text report, the curve as CSV (and back) and the JSON report. Every file is written to
/// a temporary file in the destination folder and moved into place, so a failure never leaves a half-written file behind.
/// </summary>
public static class LrFinderReport
{
    /// <summary>
    /// The plain-text report: why the sweep stopped, the iterations run, the suggestion window, each suggestion with its rule and
    /// the point it was read from, the selected one and the warnings. Numbers are printed exactly as the plot labels them.
    /// </summary>
    /// <param name="result">The result to describe.</param>
    /// <returns>The report, several lines long.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToText(this LrFinderResult result) => LrTextReport.Create(result);

    /// <summary>The header line of the curve CSV: <c>iteration,lr,loss,smoothed_loss</c>.</summary>
    public const string CsvHeader = LrCurveCsv.Header;

    /// <summary>
    /// Writes the recorded curve as CSV with the columns <c>iteration,lr,loss,smoothed_loss</c>: invariant culture, UTF-8,
    /// one point per line, numbers in shortest round-trip form (<c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c> as words),
    /// so <see cref="LoadCsv"/> reads back exactly the same points.
    /// </summary>
    /// <param name="result">The result whose curve is written.</param>
    /// <param name="path">The file to write; its folder must exist. An existing file is replaced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written to; the message names the file.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist; the message names the file.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SaveCsv(this LrFinderResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, LrCurveCsv.Encoding, leaveOpen: true);
            LrCurveCsv.Write(result.Curve.Points, writer);
        });
    }

    /// <summary>Reads a curve written by <see cref="SaveCsv"/> (or by any tool that writes the same columns).</summary>
    /// <param name="path">The CSV file. Its first line must be exactly <see cref="CsvHeader"/>; every other line one point.</param>
    /// <returns>The points, in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FormatException">
    /// The header has a missing, extra or unknown column, a line is blank, has the wrong number of values, or a value is not a
    /// number; the message names the file, the line and the column.
    /// </exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static IReadOnlyList<LrCurvePoint> LoadCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, LrCurveCsv.Encoding, detectEncodingFromByteOrderMarks: true);
        return LrCurveCsv.Read(reader, path);
    }

    /// <summary>
    /// Reads the (learning rate, loss) pairs of any tool's curve, for <see cref="LrCurveAnalysis.Analyze(IEnumerable{ValueTuple{double, double}}, int, bool, LrFinderOptions?)"/>:
    /// the two columns are found by header name (case-insensitive) and every other column is ignored, so a file of
    /// <see cref="SaveCsv"/> and other tools' exports both read. Fields may be separated by commas, tabs or semicolons and
    /// quoted; NaN and infinities may be spelled as .NET or Python writes them; blank lines after the last row are ignored.
    /// </summary>
    /// <param name="path">The CSV file: a header line, then one row per point.</param>
    /// <param name="learningRateColumn">The header name of the learning-rate column; default <c>lr</c>.</param>
    /// <param name="lossColumn">The header name of the loss column; default <c>loss</c> (the raw loss of <see cref="SaveCsv"/>).</param>
    /// <returns>The pairs, in file order; the learning rates are finite, positive and strictly increasing.</returns>
    /// <exception cref="ArgumentException">An argument is null or empty.</exception>
    /// <exception cref="FormatException">
    /// The file is empty, a column is missing or named twice, a line between rows is blank, a row has too few values, a value
    /// is not a number, or a learning rate is not finite and positive or not greater than the one before; the message names
    /// the file, the line and the column.
    /// </exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static IReadOnlyList<(double LearningRate, double Loss)> LoadCsvColumns(string path, string learningRateColumn = "lr", string lossColumn = "loss")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(learningRateColumn);
        ArgumentException.ThrowIfNullOrEmpty(lossColumn);
        using var reader = new StreamReader(path, LrCurveCsv.Encoding, detectEncodingFromByteOrderMarks: true);
        return LrCurveCsv.ReadColumns(reader, path, learningRateColumn, lossColumn);
    }

    /// <summary>
    /// The JSON report, indented, with the fixed keys <c>stopReason</c> (a <see cref="LrFinderStopReason"/> name),
    /// <c>iterations</c> (iterations run), <c>suggestions</c> (each <c>method</c>, <c>learningRate</c>, <c>pointLearningRate</c>,
    /// <c>pointLoss</c> — the loss at the point on the curve the rule read, named by <c>curve</c> — and <c>explanation</c>), <c>selected</c> (<c>method</c>,
    /// <c>learningRate</c>, or null) and <c>warnings</c>. Numbers are exact (shortest round-trip form); a missing value is null.
    /// </summary>
    /// <param name="result">The result to describe.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToJson(this LrFinderResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        LrJsonReport.Write(result, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the JSON report of <see cref="ToJson"/> to a file (UTF-8).</summary>
    /// <param name="result">The result to describe.</param>
    /// <param name="path">The file to write; its folder must exist. An existing file is replaced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written to; the message names the file.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist; the message names the file.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SaveJson(this LrFinderResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => LrJsonReport.Write(result, stream));
    }
}
