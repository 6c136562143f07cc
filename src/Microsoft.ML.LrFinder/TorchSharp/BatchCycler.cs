using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>Draws batches from a source and starts it again (a new epoch) when it runs out, as fastai's <c>lr_find</c> does.</summary>
internal sealed class BatchCycler : IDisposable
{
    private readonly IEnumerable<(Tensor Input, Tensor Target)> source;
    private IEnumerator<(Tensor Input, Tensor Target)>? current;

    public BatchCycler(IEnumerable<(Tensor Input, Tensor Target)> source)
    {
        this.source = source;
    }

    public (Tensor Input, Tensor Target) Next()
    {
        if (current is not null && current.MoveNext())
        {
            return current.Current;
        }

        current?.Dispose();
        current = source.GetEnumerator();
        if (!current.MoveNext())
        {
            throw new ArgumentException("must yield at least one batch.", "batches");
        }

        return current.Current;
    }

    public void Dispose()
    {
        current?.Dispose();
        current = null;
    }
}
