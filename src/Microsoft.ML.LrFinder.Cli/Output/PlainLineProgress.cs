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

    /// <summary>
    /// One progress line, for example <c>sweep  40/100  lr 1.6e-4  smoothed loss 2.263  elapsed 0:04  ETA 0:06</c>. A NaN learning
    /// rate or loss (an epoch of <c>--train</c> reports no loss) is left out.
    /// </summary>
    internal static string Format(string description, LrFinderProgress value)
    {
        int done = value.Iteration + 1;
        string width = value.TotalIterations.ToString(CultureInfo.InvariantCulture);
        string learningRate = double.IsNaN(value.LearningRate) ? string.Empty : $"  lr {LrFormat.LearningRate(value.LearningRate)}";
        string loss = double.IsNaN(value.SmoothedLoss) ? string.Empty : $"  smoothed loss {LrFormat.Loss(value.SmoothedLoss)}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{description}  {done.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)}/{width}{learningRate}{loss}  elapsed {value.Elapsed:m\\:ss}  ETA {Remaining(value):m\\:ss}");
    }

    /// <summary>The time left at the mean pace so far.</summary>
    internal static TimeSpan Remaining(LrFinderProgress value)
    {
        int done = value.Iteration + 1;
        return done >= value.TotalIterations ? TimeSpan.Zero : value.Elapsed / done * (value.TotalIterations - done);
    }
}
