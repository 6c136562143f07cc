using System.Globalization;
using System.IO.Compression;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Cli.Demo;

/// <summary>
/// The scikit-learn digits (Data/ATTRIBUTION.md): 8×8 images as 64 features scaled to [0, 1], and their digit labels.
/// Read from the copy embedded in the tool, never from disk, so the demo runs anywhere.
/// </summary>
internal sealed class DigitsDataset
{
    /// <summary>Pixels per image.</summary>
    public const int FeatureCount = 64;

    /// <summary>Digits 0–9.</summary>
    public const int ClassCount = 10;

    private const string ResourceName = "Microsoft.ML.LrFinder.Cli.Data.digits.csv.gz";

    // Each pixel counts the "on" pixels of a 4×4 block: 0 to 16.
    private const float PixelMaximum = 16f;

    private DigitsDataset(float[] features, long[] labels)
    {
        Features = features;
        Labels = labels;
    }

    /// <summary>Row-major features, <see cref="FeatureCount"/> per sample.</summary>
    public float[] Features { get; }

    /// <summary>The digit of each sample.</summary>
    public long[] Labels { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Reads the embedded copy: 1,797 samples.</summary>
    /// <returns>The whole dataset, in file order.</returns>
    public static DigitsDataset LoadEmbedded()
    {
        using var resource = typeof(DigitsDataset).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the tool.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var features = new List<float>();
        var labels = new List<long>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            for (int i = 0; i < FeatureCount; i++)
            {
                features.Add(float.Parse(fields[i], CultureInfo.InvariantCulture) / PixelMaximum);
            }

            labels.Add(long.Parse(fields[FeatureCount], CultureInfo.InvariantCulture));
        }

        return new DigitsDataset([.. features], [.. labels]);
    }

    /// <summary>Shuffles with <paramref name="seed"/> and splits off a held-out part.</summary>
    /// <param name="testFraction">The share of samples held out, in (0, 1).</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>The training and held-out sets.</returns>
    public (DigitsDataset Train, DigitsDataset Test) Split(double testFraction, int seed)
    {
        int[] order = ShuffledIndices(Count, new Random(seed));
        int testCount = (int)Math.Round(Count * testFraction);
        return (Take(order.AsSpan(testCount)), Take(order.AsSpan(0, testCount)));
    }

    /// <summary>A random permutation of 0..count-1 (Fisher–Yates).</summary>
    internal static int[] ShuffledIndices(int count, Random random)
    {
        int[] order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    internal DigitsDataset Take(ReadOnlySpan<int> indices)
    {
        float[] features = new float[indices.Length * FeatureCount];
        long[] labels = new long[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Array.Copy(Features, indices[i] * FeatureCount, features, i * FeatureCount, FeatureCount);
            labels[i] = Labels[indices[i]];
        }

        return new DigitsDataset(features, labels);
    }

    /// <summary>The whole set as tensors: features [Count, 64] (float32) and labels [Count] (int64), in the caller's dispose scope.</summary>
    /// <returns>The feature and label tensors.</returns>
    public (Tensor Features, Tensor Labels) ToTensors() =>
        (tensor(Features, [Count, FeatureCount]), tensor(Labels, [Count]));

    /// <summary>The samples at <paramref name="indices"/> as tensors, in the caller's dispose scope.</summary>
    /// <param name="indices">Sample indices.</param>
    /// <returns>The feature and label tensors of the batch.</returns>
    public (Tensor Features, Tensor Labels) BatchTensors(ReadOnlySpan<int> indices) => Take(indices).ToTensors();
}
