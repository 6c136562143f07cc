using System.Globalization;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// How every number the library and the <c>lrfind</c> tool write is formatted: the suggestions' explanations, the warnings,
/// the text report, the plot's labels and the tool's tables all call this, so a number reads the same character for
/// character wherever it appears. Invariant culture; NaN and infinities are written <c>NaN</c>, <c>∞</c> and <c>-∞</c>.
/// </summary>
public static class LrFormat
{
    private const string LearningRateFormat = "0.##e+0";

    /// <summary>A learning rate with up to three significant digits in scientific notation, for example <c>2.1e-3</c>, <c>8e-3</c>, <c>1.25e-2</c>.</summary>
    /// <param name="learningRate">The learning rate.</param>
    /// <returns>The text.</returns>
    public static string LearningRate(double learningRate) => double.IsFinite(learningRate)
        ? learningRate.ToString(LearningRateFormat, CultureInfo.InvariantCulture)
        : NonFinite(learningRate);

    /// <summary>A loss with four significant digits, for example <c>0.6931</c>.</summary>
    /// <param name="loss">The loss.</param>
    /// <returns>The text.</returns>
    public static string Loss(double loss) => double.IsFinite(loss)
        ? loss.ToString("G4", CultureInfo.InvariantCulture)
        : NonFinite(loss);

    /// <summary>Any other number (a slope, a divisor, a threshold) with up to three significant digits, for example <c>2.5</c> or <c>-0.0312</c>.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Number(double value) => double.IsFinite(value)
        ? value.ToString("G3", CultureInfo.InvariantCulture)
        : NonFinite(value);

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
}
