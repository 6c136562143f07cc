namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>Puts fields back when disposed: the trainer hooks swap a trainer's options only for the duration of one call.</summary>
internal sealed class FieldRestorer : IDisposable
{
    private Action? restore;

    public FieldRestorer(Action restore)
    {
        this.restore = restore;
    }

    public void Dispose()
    {
        restore?.Invoke();
        restore = null;
    }
}
