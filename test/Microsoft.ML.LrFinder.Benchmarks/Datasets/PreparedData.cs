using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Datasets;

/// <summary>
/// A seeded held-out split of a <see cref="Dataset"/> as tensors: features standardised (when asked) with the training split's
/// statistics only, so nothing of the validation rows leaks into training.
/// </summary>
internal sealed class PreparedData : IDisposable
{
    private PreparedData(Tensor trainFeatures, Tensor trainLabels, Tensor validationFeatures, Tensor validationLabels)
    {
        TrainFeatures = trainFeatures;
        TrainLabels = trainLabels;
        ValidationFeatures = validationFeatures;
        ValidationLabels = validationLabels;
    }

    public Tensor TrainFeatures { get; }

    /// <summary>Int64 class indices [N] for classification; float targets [N, 1] for regression.</summary>
    public Tensor TrainLabels { get; }

    public Tensor ValidationFeatures { get; }

    public Tensor ValidationLabels { get; }

    public int TrainCount => (int)TrainFeatures.shape[0];

    public int ValidationCount => (int)ValidationFeatures.shape[0];

    /// <summary>Splits, standardises and converts.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="seed">Seeds the shuffle; each seed gives another split.</param>
    /// <param name="validationFraction">The share of rows held out (per class for classification).</param>
    /// <param name="standardizeFeatures">Whether features are scaled to zero mean and unit variance (training statistics).</param>
    /// <param name="sampleShape">The shape of one sample, for example [1, 8, 8] for a CNN; null keeps a flat vector.</param>
    public static PreparedData Create(Dataset data, int seed, double validationFraction, bool standardizeFeatures, long[]? sampleShape = null)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var groups = data.IsClassification
            ? Enumerable.Range(0, data.Count).GroupBy(i => data.ClassLabels![i]).Select(g => g.ToArray())
            : [Enumerable.Range(0, data.Count).ToArray()];
        foreach (var group in groups)
        {
            random.Shuffle(group);
            int held = (int)Math.Round(group.Length * validationFraction);
            validation.AddRange(group.Take(held));
            train.AddRange(group.Skip(held));
        }

        var trainRows = train.ToArray();
        var validationRows = validation.ToArray();
        random.Shuffle(trainRows);

        int features = data.FeatureCount;
        var (mean, scale) = standardizeFeatures ? Statistics(trainRows.Select(i => data.Features[i]).ToArray(), features) : (null, null);

        Tensor Features(int[] rows)
        {
            var flat = new float[rows.Length * features];
            for (int r = 0; r < rows.Length; r++)
            {
                var source = data.Features[rows[r]];
                for (int f = 0; f < features; f++)
                {
                    flat[(r * features) + f] = mean is null ? source[f] : (source[f] - mean[f]) / scale![f];
                }
            }

            long[] shape = [rows.Length, .. sampleShape ?? [features]];
            return tensor(flat, shape);
        }

        Tensor Labels(int[] rows, float targetMean, float targetScale) => data.IsClassification
            ? tensor(rows.Select(i => (long)data.ClassLabels![i]).ToArray(), [rows.Length])
            : tensor(rows.Select(i => (data.Targets![i] - targetMean) / targetScale).ToArray(), [rows.Length, 1]);

        float targetMean = 0, targetScale = 1;
        if (!data.IsClassification)
        {
            // The regression target is standardised too, so the validation loss is an MSE in units of the label's variance
            // and the learning-rate scale is comparable with the classification tasks'.
            var (m, s) = Statistics(trainRows.Select(i => new[] { data.Targets![i] }).ToArray(), 1);
            (targetMean, targetScale) = (m[0], s[0]);
        }

        return new PreparedData(
            Features(trainRows), Labels(trainRows, targetMean, targetScale),
            Features(validationRows), Labels(validationRows, targetMean, targetScale));
    }

    public void Dispose()
    {
        TrainFeatures.Dispose();
        TrainLabels.Dispose();
        ValidationFeatures.Dispose();
        ValidationLabels.Dispose();
    }

    private static (float[] Mean, float[] Scale) Statistics(float[][] rows, int width)
    {
        var mean = new float[width];
        var scale = new float[width];
        for (int f = 0; f < width; f++)
        {
            double m = rows.Average(r => (double)r[f]);
            double variance = rows.Average(r => (r[f] - m) * (r[f] - m));
            mean[f] = (float)m;
            // A constant column would divide by zero; leave it centred only.
            scale[f] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }

        return (mean, scale);
    }
}
