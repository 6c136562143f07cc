using System.Runtime.CompilerServices;

namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>Compares cache keys by the identity of their object and the value of their second item (records compare by value, which is slow here).</summary>
internal sealed class ReferenceTupleComparer : IEqualityComparer<(RecordedSweep, double)>
{
    public static ReferenceTupleComparer Instance { get; } = new();

    public bool Equals((RecordedSweep, double) x, (RecordedSweep, double) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2.Equals(y.Item2);

    public int GetHashCode((RecordedSweep, double) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), obj.Item2);
}
