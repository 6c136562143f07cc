namespace Microsoft.ML.LrFinder.Benchmarks.Datasets;

/// <summary>A table of float features with either class labels or a numeric target, read from one of the files in Data/.</summary>
internal sealed class Dataset
{
    public Dataset(string name, float[][] features, int[]? classLabels, float[]? targets, int classCount)
    {
        if ((classLabels is null) == (targets is null))
        {
            throw new ArgumentException("exactly one of classLabels and targets must be given.", nameof(classLabels));
        }

        int count = classLabels?.Length ?? targets!.Length;
        if (features.Length != count)
        {
            throw new ArgumentException("must have one row per label.", nameof(features));
        }

        Name = name;
        Features = features;
        ClassLabels = classLabels;
        Targets = targets;
        ClassCount = classCount;
    }

    public string Name { get; }

    /// <summary>One array per row, all of <see cref="FeatureCount"/> values.</summary>
    public float[][] Features { get; }

    /// <summary>Class indices 0..ClassCount−1 for classification; null for regression.</summary>
    public int[]? ClassLabels { get; }

    /// <summary>Numeric targets for regression; null for classification.</summary>
    public float[]? Targets { get; }

    /// <summary>The number of classes; 0 for regression.</summary>
    public int ClassCount { get; }

    public int Count => Features.Length;

    public int FeatureCount => Features.Length == 0 ? 0 : Features[0].Length;

    public bool IsClassification => ClassLabels is not null;

    /// <summary>
    /// The rows of the given classes only, relabelled 0..n−1 in the order given: a fine-tuning task pretrains on some classes
    /// of a data set and fine-tunes a new head on the others, so the two never share a row.
    /// </summary>
    public Dataset SelectClasses(string name, params int[] classes)
    {
        if (ClassLabels is null)
        {
            throw new InvalidOperationException("a regression data set has no classes.");
        }

        var rows = Enumerable.Range(0, Count).Where(i => classes.Contains(ClassLabels[i])).ToArray();
        return new Dataset(
            name,
            rows.Select(i => Features[i]).ToArray(),
            rows.Select(i => Array.IndexOf(classes, ClassLabels[i])).ToArray(),
            null,
            classes.Length);
    }
}
