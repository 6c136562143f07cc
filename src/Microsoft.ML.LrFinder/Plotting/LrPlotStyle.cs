using OxyPlot;

namespace Microsoft.ML.LrFinder.Plotting;

/// <summary>Colours and sizes of the plot, in one place. Suggestion colours are the Okabe–Ito palette, readable by colour-blind readers.</summary>
internal static class LrPlotStyle
{
    public static readonly OxyColor Curve = OxyColor.FromRgb(0x00, 0x72, 0xB2);
    public static readonly OxyColor LagFreeCurve = OxyColor.FromRgb(0x33, 0x33, 0x33);
    public static readonly OxyColor RawLoss = OxyColor.FromAColor(0x55, Curve);
    public static readonly OxyColor OutsideWindow = OxyColor.FromRgb(0xA6, 0xA6, 0xA6);
    public static readonly OxyColor OutsideWindowShade = OxyColor.FromArgb(0x14, 0x00, 0x00, 0x00);
    public static readonly OxyColor Text = OxyColor.FromRgb(0x22, 0x22, 0x22);
    public static readonly OxyColor EarlyStop = OxyColor.FromRgb(0xB0, 0x1E, 0x1E);
    public static readonly OxyColor MajorGrid = OxyColor.FromRgb(0xDD, 0xDD, 0xDD);
    public static readonly OxyColor MinorGrid = OxyColor.FromRgb(0xF0, 0xF0, 0xF0);
    public static readonly OxyColor Border = OxyColor.FromRgb(0x99, 0x99, 0x99);
    public static readonly OxyColor LabelBackground = OxyColor.FromArgb(0xF2, 0xFF, 0xFF, 0xFF);

    private static readonly OxyColor[] SuggestionColors =
    [
        OxyColor.FromRgb(0xD5, 0x5E, 0x00), // vermillion
        OxyColor.FromRgb(0x00, 0x9E, 0x73), // bluish green
        OxyColor.FromRgb(0xCC, 0x79, 0xA7), // reddish purple
        OxyColor.FromRgb(0xE6, 0x9F, 0x00), // orange
        OxyColor.FromRgb(0x56, 0xB4, 0xE9), // sky blue
        OxyColor.FromRgb(0x00, 0x00, 0x00), // black
    ];

    /// <summary>The colour of the suggestion at this position in <see cref="LrFinderResult.Suggestions"/>.</summary>
    public static OxyColor SuggestionColor(int index) => SuggestionColors[index % SuggestionColors.Length];
}
