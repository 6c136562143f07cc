using System.Globalization;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// How every number the product writes is formatted — explanations, warnings, the text report and the plot's labels all
/// call this, so a number reads the same character for character wherever it appears. Invariant culture.
/// </summary>
internal static class LrFormat
{
    /// <summary>The learning-rate format: up to three significant digits in scientific notation, for example <c>2.1e-3</c>.</summary>
    public const string LearningRateFormat = "0.##e+0";

    public static string LearningRate(double learningRate) => double.IsFinite(learningRate)
        ? learningRate.ToString(LearningRateFormat, CultureInfo.InvariantCulture)
        : NonFinite(learningRate);

    /// <summary>A loss with four significant digits, for example <c>0.6931</c>.</summary>
    public static string Loss(double loss) => double.IsFinite(loss)
        ? loss.ToString("G4", CultureInfo.InvariantCulture)
        : NonFinite(loss);

    public static string Number(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
}
