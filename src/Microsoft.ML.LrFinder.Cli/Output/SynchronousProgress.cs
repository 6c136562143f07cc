namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler at once, on the reporting thread, so console lines stay in order.</summary>
/// <typeparam name="T">The report type.</typeparam>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
