using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// A copy of torch's default random generator, the one place the library saves and puts it back, so that a sweep leaves no
/// trace in the random stream: the real fit (head initialisation, dropout) draws exactly what it would have drawn without the
/// finder. The copy is detached from any dispose scope; <see cref="Dispose"/> frees it.
/// </summary>
internal sealed class TorchRandomState : IDisposable
{
    private readonly bool restoreWhenDisposed;
    private Tensor? saved;

    private TorchRandomState(bool restoreWhenDisposed)
    {
        this.restoreWhenDisposed = restoreWhenDisposed;
        saved = random.get_rng_state().DetachFromDisposeScope();
    }

    /// <summary>Saves the generator and puts it back when disposed: for a <c>using</c> around work whose draws must not count.</summary>
    public static TorchRandomState RestoredWhenDisposed() => new(restoreWhenDisposed: true);

    /// <summary>Saves the generator to be put back by <see cref="Restore"/>, as often as needed, until disposed.</summary>
    public static TorchRandomState Capture() => new(restoreWhenDisposed: false);

    /// <summary>Puts the saved generator state back. The copy stays valid.</summary>
    public void Restore()
    {
        ObjectDisposedException.ThrowIf(saved is null, this);
        random.set_rng_state(saved);
    }

    public void Dispose()
    {
        if (saved is null)
        {
            return;
        }

        try
        {
            if (restoreWhenDisposed)
            {
                Restore();
            }
        }
        finally
        {
            saved.Dispose();
            saved = null;
        }
    }
}
