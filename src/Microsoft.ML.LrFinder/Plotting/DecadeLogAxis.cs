using OxyPlot.Axes;

namespace Microsoft.ML.LrFinder.Plotting;

/// <summary>
/// A base-10 logarithmic axis whose major ticks are the decades (every one when there is room, otherwise every second or
/// fifth) with minor ticks at 2…9 of each decade. OxyPlot's own choice skips decades on a plot 900 pixels wide over
/// 1e-7…1e1, which leaves a reader to count minor ticks to read a learning rate.
/// </summary>
internal sealed class DecadeLogAxis : LogarithmicAxis
{
    private const double MinimumPixelsPerLabel = 42;

    public override void GetTickValues(out IList<double> majorLabelValues, out IList<double> majorTickValues, out IList<double> minorTickValues)
    {
        double lowest = Math.Log10(ActualMinimum);
        double highest = Math.Log10(ActualMaximum);
        double decades = highest - lowest;
        double pixels = Math.Abs(ScreenMax.X - ScreenMin.X);

        // Zoomed in to less than about two decades, decade ticks alone would leave the axis nearly unlabelled.
        if (!(decades >= 1.5) || !double.IsFinite(decades) || pixels <= 0)
        {
            base.GetTickValues(out majorLabelValues, out majorTickValues, out minorTickValues);
            return;
        }

        double pixelsPerDecade = pixels / decades;
        int step = pixelsPerDecade >= MinimumPixelsPerLabel ? 1 : pixelsPerDecade * 2 >= MinimumPixelsPerLabel ? 2 : 5;
        var major = new List<double>();
        var minor = new List<double>();
        for (int exponent = (int)Math.Floor(lowest); exponent <= (int)Math.Ceiling(highest); exponent++)
        {
            double decade = Math.Pow(10, exponent);
            if (decade >= ActualMinimum * (1 - 1e-12) && decade <= ActualMaximum * (1 + 1e-12))
            {
                (exponent % step == 0 ? major : minor).Add(decade);
            }

            if (step == 1)
            {
                for (int mantissa = 2; mantissa <= 9; mantissa++)
                {
                    double value = mantissa * decade;
                    if (value >= ActualMinimum && value <= ActualMaximum)
                    {
                        minor.Add(value);
                    }
                }
            }
        }

        majorLabelValues = major;
        majorTickValues = major;
        minorTickValues = minor;
    }
}
