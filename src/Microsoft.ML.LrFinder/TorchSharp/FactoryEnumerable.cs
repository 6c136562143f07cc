using System.Collections;

namespace Microsoft.ML.LrFinder;

/// <summary>A sequence that calls a factory each time it is enumerated: each epoch gets a fresh sequence of batches.</summary>
internal sealed class FactoryEnumerable<T>(Func<IEnumerable<T>> factory) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator() =>
        (factory() ?? throw new InvalidOperationException("The batch factory returned null.")).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
