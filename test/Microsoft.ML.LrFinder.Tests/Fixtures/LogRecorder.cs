namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>Records the messages of an MLContext's log while alive; optionally acts on each one (to cancel mid-sweep).</summary>
internal sealed class LogRecorder : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly Action<LoggingEventArgs>? _onMessage;
    private readonly List<LoggingEventArgs> _messages = [];

    public LogRecorder(MLContext mlContext, Action<LoggingEventArgs>? onMessage = null)
    {
        _mlContext = mlContext;
        _onMessage = onMessage;
        _mlContext.Log += OnLog;
    }

    /// <summary>The raw text of the messages whose text starts with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Lines(string prefix)
    {
        lock (_messages)
        {
            return _messages.Select(m => m.RawMessage ?? string.Empty).Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        }
    }

    public void Dispose() => _mlContext.Log -= OnLog;

    private void OnLog(object? sender, LoggingEventArgs e)
    {
        lock (_messages)
        {
            _messages.Add(e);
        }

        _onMessage?.Invoke(e);
    }
}
