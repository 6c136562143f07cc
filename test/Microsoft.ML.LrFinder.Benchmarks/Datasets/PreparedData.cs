using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Datasets;

/// <summary>
/// A seeded three-way split of a <see cref="Dataset"/> as tensors: train, validation and test. Features are standardised (when
/// asked) with the training split's statistics only, so nothing of the held-out rows leaks into training. The regret benchmark
/// picks its oracle on the validation rows and scores everything on the test rows: an oracle chosen and scored on one split is
/// optimistic by the noise of that split, which made every method look worse than it is.
/// </summary>
internal sealed class PreparedData : IDisposable
{
    private PreparedData(
        Tensor trainFeatures, Tensor trainLabels, Tensor validationFeatures, Tensor validationLabels, Tensor testFeatures, Tensor testLabels)
    {
        TrainFeatures = trainFeatures;
        TrainLabels = trainLabels;
        ValidationFeatures = validationFeatures;
        ValidationLabels = validationLabels;
        TestFeatures = testFeatures;
        TestLabels = testLabels;
    }

    public Tensor TrainFeatures { get; }

    /// <summary>Int64 class indices [N] for classification; float targets [N, 1] for regression.</summary>
    public Tensor TrainLabels { get; }

    public Tensor ValidationFeatures { get; }

    public Tensor ValidationLabels { get; }

    public Tensor TestFeatures { get; }

    public Tensor TestLabels { get; }

    public int TrainCount => (int)TrainFeatures.shape[0];

    public int ValidationCount => (int)ValidationFeatures.shape[0];

    public int TestCount => (int)TestFeatures.shape[0];

    /// <summary>Splits, standardises and converts.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="seed">Seeds the shuffle; each seed gives another split.</param>
    /// <param name="validationFraction">The share of rows held out for validation (per class for classification).</param>
    /// <param name="testFraction">The share of rows held out for the test split (per class for classification).</param>
    /// <param name="maxTrainCount">
    /// At most this many training rows (kept per class in proportion, the rest unused): a small-data task trains on a few rows
    /// and is still scored on held-out splits large enough to rank learning rates. Null keeps every remaining row.
    /// </param>
    /// <param name="standardizeFeatures">Whether features are scaled to zero mean and unit variance (training statistics).</param>
    /// <param name="sampleShape">The shape of one sample, for example [1, 8, 8] for a CNN; null keeps a flat vector.</param>
    public static PreparedData Create(
        Dataset data, int seed, double validationFraction, double testFraction, bool standardizeFeatures, long[]? sampleShape = null, int? maxTrainCount = null)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        var groups = data.IsClassification
            ? Enumerable.Range(0, data.Count).GroupBy(i => data.ClassLabels![i]).Select(g => g.ToArray())
            : [Enumerable.Range(0, data.Count).ToArray()];
        foreach (var group in groups)
        {
            random.Shuffle(group);
            int held = (int)Math.Round(group.Length * validationFraction);
            int tested = (int)Math.Round(group.Length * testFraction);
            validation.AddRange(group.Take(held));
            test.AddRange(group.Skip(held).Take(tested));
            var trainPart = group.Skip(held + tested);
            train.AddRange(maxTrainCount is { } max ? trainPart.Take((int)Math.Round((double)max * group.Length / data.Count)) : trainPart);
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

        var testRows = test.ToArray();
        return new PreparedData(
            Features(trainRows), Labels(trainRows, targetMean, targetScale),
            Features(validationRows), Labels(validationRows, targetMean, targetScale),
            Features(testRows), Labels(testRows, targetMean, targetScale));
    }

    public void Dispose()
    {
        TrainFeatures.Dispose();
        TrainLabels.Dispose();
        ValidationFeatures.Dispose();
        ValidationLabels.Dispose();
        TestFeatures.Dispose();
        TestLabels.Dispose();
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
