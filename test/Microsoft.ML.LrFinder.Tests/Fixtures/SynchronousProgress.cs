namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler at once (<see cref="Progress{T}"/> posts it to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
