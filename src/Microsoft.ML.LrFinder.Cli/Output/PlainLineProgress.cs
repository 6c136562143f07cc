using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>Progress as plain lines, for redirected output and logs: one line every tenth of the sweep and one at its end.</summary>
internal sealed class PlainLineProgress : IProgress<LrFinderProgress>
{
    private const int Lines = 10;
    private readonly TextWriter _writer;
    private readonly string _description;
    private readonly int _every;

    public PlainLineProgress(TextWriter writer, string description, int totalIterations)
    {
        _writer = writer;
        _description = description;
        _every = Math.Max(1, totalIterations / Lines);
    }

    public void Report(LrFinderProgress value)
    {
        int done = value.Iteration + 1;
        if (done % _every != 0 && done != value.TotalIterations)
        {
            return;
        }

        _writer.WriteLine(Format(_description, value));
    }

    /// <summary>One progress line, for example <c>sweep  40/100  lr 1.6e-4  smoothed loss 2.263  ETA 0:01</c>.</summary>
    internal static string Format(string description, LrFinderProgress value)
    {
        int done = value.Iteration + 1;
        var remaining = done >= value.TotalIterations
            ? TimeSpan.Zero
            : value.Elapsed / done * (value.TotalIterations - done);
        string width = value.TotalIterations.ToString(CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{description}  {done.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)}/{width}  lr {Reporting.LrReportFormat.LearningRate(value.LearningRate)}  smoothed loss {Reporting.LrReportFormat.Loss(value.SmoothedLoss)}  ETA {remaining:m\\:ss}");
    }
}
