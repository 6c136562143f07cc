using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Cli.Demo;

/// <summary>
/// Endless mini-batches over a training set: each epoch a new seeded shuffle; the last partial batch of an epoch is dropped so
/// every step sees the same number of samples (the loss is a mean, but a tiny batch would make the curve noisy).
/// </summary>
internal sealed class DigitsBatches
{
    private readonly DigitsDataset _data;
    private readonly int _batchSize;
    private readonly Random _random;
    private int[] _order = [];
    private int _position;

    public DigitsBatches(DigitsDataset data, int batchSize, int seed)
    {
        _data = data;
        _batchSize = Math.Min(batchSize, data.Count);
        _random = new Random(seed);
    }

    /// <summary>Full batches in one pass over the data.</summary>
    public int BatchesPerEpoch => _data.Count / _batchSize;

    /// <summary>The next batch as tensors, in the caller's dispose scope.</summary>
    /// <returns>Features [batch, 64] and labels [batch].</returns>
    public (Tensor Features, Tensor Labels) Next()
    {
        if (_position + _batchSize > _order.Length)
        {
            _order = DigitsDataset.ShuffledIndices(_data.Count, _random);
            _position = 0;
        }

        var batch = _data.BatchTensors(_order.AsSpan(_position, _batchSize));
        _position += _batchSize;
        return batch;
    }

    /// <summary>
    /// <see cref="Next"/> forever, for a sweep that takes as many batches as it needs. Each batch lives in the dispose scope
    /// that is current when the consumer asks for it.
    /// </summary>
    /// <returns>An endless sequence of batches.</returns>
    public IEnumerable<(Tensor Features, Tensor Labels)> Endless()
    {
        while (true)
        {
            yield return Next();
        }
    }
}
