using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>Images with their class labels, as tensors. Owns its tensors.</summary>
public sealed class LabelledImages : IDisposable
{
    /// <summary>Holds the tensors given; they become this object's to dispose.</summary>
    /// <param name="images">[N, 3, H, W].</param>
    /// <param name="labels">[N], int64 class indices into <paramref name="classNames"/>.</param>
    /// <param name="classNames">The classes' names.</param>
    public LabelledImages(Tensor images, Tensor labels, IReadOnlyList<string> classNames)
    {
        Images = images;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>[N, 3, H, W].</summary>
    public Tensor Images { get; }

    /// <summary>[N], int64.</summary>
    public Tensor Labels { get; }

    /// <summary>The classes' names; a label is an index into it.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of images.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Splits the images at random into a training and a held-out part.</summary>
    /// <param name="heldOutFraction">The share held out, in (0, 1).</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <returns>The two parts, each owning copies of its rows.</returns>
    public (LabelledImages Train, LabelledImages HeldOut) Split(double heldOutFraction, int seed)
    {
        if (!(heldOutFraction > 0 && heldOutFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(heldOutFraction), heldOutFraction, "must be between 0 and 1.");
        }

        var order = Enumerable.Range(0, (int)Count).ToArray();
        new Random(seed).Shuffle(order);
        int heldOut = Math.Max(1, (int)Math.Round(Count * heldOutFraction));
        return (Rows(order[heldOut..]), Rows(order[..heldOut]));
    }

    /// <summary>One pass over the images in shuffled batches, fresh tensors each; enumerate again for another epoch.</summary>
    /// <param name="batchSize">Images per batch; the last batch may be smaller.</param>
    /// <param name="random">The shuffle's generator, advanced each epoch.</param>
    /// <returns>(images, labels) per batch; each pair belongs to the dispose scope it is drawn in.</returns>
    public IEnumerable<(Tensor Input, Tensor Target)> Batches(int batchSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentNullException.ThrowIfNull(random);
        var order = Enumerable.Range(0, (int)Count).ToArray();
        random.Shuffle(order);
        for (int start = 0; start < order.Length; start += batchSize)
        {
            using var indices = tensor(order[start..Math.Min(order.Length, start + batchSize)].Select(i => (long)i).ToArray());
            yield return (Images.index_select(0, indices), Labels.index_select(0, indices));
        }
    }

    private LabelledImages Rows(int[] rows)
    {
        using var indices = tensor(rows.Select(i => (long)i).ToArray());
        return new LabelledImages(Images.index_select(0, indices), Labels.index_select(0, indices), ClassNames);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
