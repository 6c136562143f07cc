using SkiaSharp;

namespace Microsoft.ML.LrFinder.Plotting;

/// <summary>Picks the font of exported plots: the one asked for, else an installed sans-serif font.</summary>
internal static class PlotFonts
{
    // Skia, given a family it does not have, falls back to the system default, which on a bare Linux is often a serif font.
    private static readonly string[] SansSerifFamilies =
        [LrPlotOptions.PreferredFontFamily, "Segoe UI", "Helvetica Neue", "Helvetica", "Arial", "Liberation Sans", "Noto Sans", "Roboto"];

    public static string Resolve(string? requested)
    {
        if (!string.IsNullOrEmpty(requested))
        {
            return requested;
        }

        var installed = new HashSet<string>(SKFontManager.Default.GetFontFamilies(), StringComparer.OrdinalIgnoreCase);
        return SansSerifFamilies.FirstOrDefault(installed.Contains) ?? SKTypeface.Default.FamilyName;
    }
}
