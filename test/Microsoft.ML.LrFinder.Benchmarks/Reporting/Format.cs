using System.Globalization;

namespace Microsoft.ML.LrFinder.Benchmarks.Reporting;

/// <summary>Number formats shared by the console and markdown output (invariant culture).</summary>
internal static class Format
{
    public static string Lr(double? learningRate) => learningRate is { } lr && double.IsFinite(lr)
        ? lr.ToString("0.0#e+0", CultureInfo.InvariantCulture)
        : "—";

    public static string Ratio(double value) => double.IsPositiveInfinity(value)
        ? "∞"
        : double.IsNaN(value) ? "—" : value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Ratio3(double value) => double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : Ratio(value);

    public static string Loss(double value) => double.IsFinite(value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : Ratio(value);

    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    public static string Met(bool met) => met ? "yes" : "**no**";

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
