namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// Thrown from inside a trainer's own training loop when the sweep has stopped: it is the only way out of ML.NET's
/// <c>Train</c>. It unwinds through the trainer's dispose scopes (measured: no scope left open, no tensor stranded) and is
/// caught by the sweep, never seen by users.
/// </summary>
internal sealed class SweepStoppedException : Exception
{
    public SweepStoppedException()
        : base("The learning-rate sweep has stopped.")
    {
    }
}
