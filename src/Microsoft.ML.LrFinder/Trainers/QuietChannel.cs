using Microsoft.ML.Runtime;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The channel handed to a trainer built for a sweep: forwards warnings, errors and traces, drops its information lines. With
/// <c>LogEveryNStep = 1</c> ObjectDetection and QuestionAnswer would otherwise log <c>Row: N, Loss: X</c> for every sweep step,
/// duplicating the sweep's own progress lines (and being mistaken for the real fit's).
/// </summary>
internal sealed class QuietChannel : IChannel
{
    private readonly IChannel inner;

    public QuietChannel(IChannel inner)
    {
        this.inner = inner;
    }

    public string ContextDescription => inner.ContextDescription;

    public TException Process<TException>(TException ex)
        where TException : Exception => inner.Process(ex);

    public void Send(ChannelMessage msg)
    {
        if (msg.Kind != ChannelMessageKind.Info)
        {
            inner.Send(msg);
        }
    }

    public void Trace(MessageSensitivity sensitivity, string fmt) => inner.Trace(sensitivity, fmt);

    public void Trace(MessageSensitivity sensitivity, string fmt, params object[] args) => inner.Trace(sensitivity, fmt, args);

    public void Error(MessageSensitivity sensitivity, string fmt) => inner.Error(sensitivity, fmt);

    public void Error(MessageSensitivity sensitivity, string fmt, params object[] args) => inner.Error(sensitivity, fmt, args);

    public void Warning(MessageSensitivity sensitivity, string fmt) => inner.Warning(sensitivity, fmt);

    public void Warning(MessageSensitivity sensitivity, string fmt, params object[] args) => inner.Warning(sensitivity, fmt, args);

    public void Info(MessageSensitivity sensitivity, string fmt)
    {
    }

    public void Info(MessageSensitivity sensitivity, string fmt, params object[] args)
    {
    }

    public void Dispose() => inner.Dispose();
}
