using System.Globalization;

namespace Microsoft.ML.LrFinder;

/// <summary>How explanations and warnings write numbers: invariant culture, learning rates in scientific notation.</summary>
internal static class LrFormat
{
    public static string LearningRate(double learningRate) => learningRate.ToString("0.##e+0", CultureInfo.InvariantCulture);

    public static string Loss(double loss) => loss.ToString("G4", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
