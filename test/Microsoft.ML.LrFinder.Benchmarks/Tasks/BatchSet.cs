using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// Mini-batches materialised up front, in a seeded order that reshuffles every epoch. Owned here and disposed here: a sweep or
/// a training loop only reads them, so their cost is outside every measured step and every leak count.
/// </summary>
internal sealed class BatchSet : IDisposable
{
    private readonly List<(Tensor Features, Tensor Labels)> batches = [];

    public BatchSet(Tensor features, Tensor labels, int batchSize, int seed, int minimumBatches)
    {
        int count = (int)features.shape[0];
        StepsPerEpoch = (count + batchSize - 1) / batchSize;
        var random = new Random(unchecked((seed * 7919) + 17));
        var order = Enumerable.Range(0, count).ToArray();
        while (batches.Count < minimumBatches)
        {
            random.Shuffle(order);
            for (int start = 0; start < count; start += batchSize)
            {
                var rows = order.AsSpan(start, Math.Min(batchSize, count - start)).ToArray().Select(i => (long)i).ToArray();
                using var index = tensor(rows);
                batches.Add((features.index_select(0, index), labels.index_select(0, index)));
            }
        }
    }

    /// <summary>The number of batches in one pass over the data (the last one may be short).</summary>
    public int StepsPerEpoch { get; }

    public int Count => batches.Count;

    public IReadOnlyList<(Tensor Features, Tensor Labels)> Batches => batches;

    public (Tensor Features, Tensor Labels) this[int index] => batches[index % batches.Count];

    /// <summary>An endless cycle over the batches, for consumers that pull as many as they need.</summary>
    public IEnumerable<(Tensor Features, Tensor Labels)> Cycle()
    {
        for (int i = 0; ; i++)
        {
            yield return this[i];
        }
    }

    public void Dispose()
    {
        foreach (var (features, labels) in batches)
        {
            features.Dispose();
            labels.Dispose();
        }

        batches.Clear();
    }
}
