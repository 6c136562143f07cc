namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>The four files of a sweep in its output folder: lr-find.csv, lr-find.json, lr-find.png and lr-find.svg.</summary>
internal static class ResultFiles
{
    /// <summary>The curve: iteration,lr,loss,smoothed_loss.</summary>
    public const string Csv = "lr-find.csv";

    /// <summary>The JSON report.</summary>
    public const string Json = "lr-find.json";

    /// <summary>The plot as a bitmap.</summary>
    public const string Png = "lr-find.png";

    /// <summary>The plot as a vector image.</summary>
    public const string Svg = "lr-find.svg";

    /// <summary>All four, in the order they are written.</summary>
    public static IReadOnlyList<string> All { get; } = [Csv, Json, Png, Svg];

    /// <summary>Writes the four files into the staging folder of <paramref name="folder"/> (moved in on commit).</summary>
    /// <param name="result">The sweep's result.</param>
    /// <param name="folder">The open output folder.</param>
    public static void Write(LrFinderResult result, OutputFolder folder)
    {
        result.SaveCsv(folder.PathFor(Csv));
        result.SaveJson(folder.PathFor(Json));
        result.SavePlot(folder.PathFor(Png));
        result.SavePlot(folder.PathFor(Svg));
    }
}
