namespace Microsoft.ML.LrFinder;

/// <summary>How <see cref="LrFinderPlot"/> draws and exports the loss-versus-learning-rate plot.</summary>
public sealed class LrPlotOptions
{
    /// <summary>The font <see cref="FontFamily"/> prefers when it is installed: DejaVu Sans.</summary>
    public const string PreferredFontFamily = "DejaVu Sans";

    /// <summary>The title drawn above the plot.</summary>
    /// <value>Default "Learning-rate finder". Null or empty draws no title.</value>
    public string? Title { get; set; } = "Learning-rate finder";

    /// <summary>Whether the raw per-iteration loss is drawn faintly behind the smoothed curve.</summary>
    /// <value>Default true.</value>
    public bool ShowRawLoss { get; set; } = true;

    /// <summary>The width of an exported image: pixels for PNG, SVG user units (CSS pixels) for SVG.</summary>
    /// <value>Default 1000. Must be in [200, 16384].</value>
    public int Width { get; set; } = 1000;

    /// <summary>The height of an exported image: pixels for PNG, SVG user units (CSS pixels) for SVG.</summary>
    /// <value>Default 640. Must be in [150, 16384].</value>
    public int Height { get; set; } = 640;

    /// <summary>
    /// The resolution of a PNG. The image keeps its <see cref="Width"/> × <see cref="Height"/> pixels; text, lines and
    /// margins are scaled by <c>Dpi / 96</c>. To get the default layout at twice the sharpness, double Width, Height and Dpi.
    /// SVG ignores it.
    /// </summary>
    /// <value>Default 96, where one OxyPlot unit is one pixel. Must be in [24, 1200].</value>
    public double Dpi { get; set; } = 96;

    /// <summary>The font of every text on the plot.</summary>
    /// <value>
    /// Default null: DejaVu Sans when it is installed, otherwise the first installed of a few common sans-serif fonts, otherwise
    /// the platform's default font. An explicit name is used as given (a renderer without it falls back to its default font).
    /// </value>
    public string? FontFamily { get; set; }

    /// <summary>The base font size in OxyPlot units (pixels at 96 DPI); titles are drawn larger.</summary>
    /// <value>Default 13. Must be in [6, 48].</value>
    public double FontSize { get; set; } = 13;

    /// <summary>Checks every setting and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its valid range; the exception names it.</exception>
    public void Validate()
    {
        if (Width is < 200 or > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), Width, "must be in [200, 16384].");
        }

        if (Height is < 150 or > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(Height), Height, "must be in [150, 16384].");
        }

        if (!(Dpi >= 24 && Dpi <= 1200))
        {
            throw new ArgumentOutOfRangeException(nameof(Dpi), Dpi, "must be in [24, 1200].");
        }

        if (!(FontSize >= 6 && FontSize <= 48))
        {
            throw new ArgumentOutOfRangeException(nameof(FontSize), FontSize, "must be in [6, 48].");
        }
    }

    /// <summary>A copy of these options, so that callers' objects are never modified.</summary>
    /// <returns>A new options object with the same settings.</returns>
    internal LrPlotOptions Clone() => (LrPlotOptions)MemberwiseClone();
}
