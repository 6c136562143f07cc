using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// Saves torch's default generator and puts it back when disposed, so that a sweep leaves no trace in the random stream: the
/// real fit (head initialisation, dropout) draws exactly what it would have drawn without the finder.
/// </summary>
internal sealed class TorchRandomState : IDisposable
{
    private Tensor? saved = random.get_rng_state();

    public void Dispose()
    {
        if (saved is not null)
        {
            random.set_rng_state(saved);
            saved.Dispose();
            saved = null;
        }
    }
}
