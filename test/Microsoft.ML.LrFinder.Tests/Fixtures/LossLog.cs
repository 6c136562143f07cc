using System.Globalization;
using System.Text.RegularExpressions;

namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>
/// Collects the per-step losses that ObjectDetection and QuestionAnswer log through <c>MLContext.Log</c> as
/// <c>Row: N, Loss: X</c> every <c>LogEveryNStep</c> steps (formatted in the current culture; decompiled 0.23.1 trainers).
/// </summary>
internal sealed partial class LossLog : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly List<double> _losses = [];

    public LossLog(MLContext mlContext)
    {
        _mlContext = mlContext;
        _mlContext.Log += OnLog;
    }

    /// <summary>The logged losses, in step order.</summary>
    public IReadOnlyList<double> Losses
    {
        get
        {
            lock (_losses)
            {
                return _losses.ToArray();
            }
        }
    }

    public void Dispose() => _mlContext.Log -= OnLog;

    [GeneratedRegex(@"^Row: \d+, Loss: (?<loss>\S+)$")]
    private static partial Regex LossLine();

    private void OnLog(object? sender, LoggingEventArgs e)
    {
        var match = LossLine().Match(e.RawMessage ?? string.Empty);
        if (match.Success)
        {
            lock (_losses)
            {
                _losses.Add(double.Parse(match.Groups["loss"].Value, NumberStyles.Float, CultureInfo.CurrentCulture));
            }
        }
    }
}
