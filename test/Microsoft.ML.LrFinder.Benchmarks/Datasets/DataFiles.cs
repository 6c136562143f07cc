using System.Globalization;
using System.IO.Compression;

namespace Microsoft.ML.LrFinder.Benchmarks.Datasets;

/// <summary>Reads the data files copied into the benchmark's Data/ folder (see Data/README.md for origin and licence).</summary>
internal static class DataFiles
{
    /// <summary>The folder the build copies Data/ to: beside the benchmark's assembly, never the shared data folder.</summary>
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "Data");

    /// <summary>scikit-learn's 8×8 digits: 1,797 rows, 64 pixel counts scaled from 0–16 to 0–1, labels 0–9.</summary>
    public static Dataset LoadDigits()
    {
        using var reader = OpenText("digits.csv.gz");
        var features = new List<float[]>();
        var labels = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            var row = new float[fields.Length - 1];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = float.Parse(fields[i], CultureInfo.InvariantCulture) / 16f;
            }

            features.Add(row);
            labels.Add(int.Parse(fields[^1], CultureInfo.InvariantCulture));
        }

        return new Dataset("digits", [.. features], [.. labels], null, classCount: 10);
    }

    /// <summary>ML.NET's iris.txt: 150 rows, label then four measurements, TAB-separated, a '#' header line.</summary>
    public static Dataset LoadIris()
    {
        var features = new List<float[]>();
        var labels = new List<int>();
        foreach (var line in File.ReadLines(Path.Combine(DataDirectory, "iris.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            labels.Add((int)float.Parse(fields[0], CultureInfo.InvariantCulture));
            features.Add(fields.Skip(1).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray());
        }

        return new Dataset("iris", [.. features], [.. labels], null, classCount: 3);
    }

    /// <summary>
    /// ML.NET's breast-cancer.txt (Wisconsin): 699 rows, label (0 benign, 1 malignant) then nine cell measurements 1–10,
    /// TAB-separated after 16 <c>//</c> comment lines. The 16 rows with a missing bare-nuclei value (<c>?</c>) are dropped,
    /// leaving 683.
    /// </summary>
    public static Dataset LoadBreastCancer()
    {
        var features = new List<float[]>();
        var labels = new List<int>();
        foreach (var line in File.ReadLines(Path.Combine(DataDirectory, "breast-cancer.txt")))
        {
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || line.Contains('?', StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split('\t');
            labels.Add(int.Parse(fields[0], CultureInfo.InvariantCulture));
            features.Add(fields.Skip(1).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray());
        }

        return new Dataset("breast-cancer", [.. features], [.. labels], null, classCount: 2);
    }

    /// <summary>
    /// ML.NET's housing.txt without the <c>BlackIndex</c> column (dropped as Data/README.md explains): 506 rows, label
    /// <c>MedianHomeValue</c>, 12 features.
    /// </summary>
    public static Dataset LoadHousing()
    {
        const string Dropped = "BlackIndex";
        var lines = File.ReadLines(Path.Combine(DataDirectory, "housing.txt")).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split('\t');
        int dropped = Array.IndexOf(header, Dropped);
        if (dropped < 1)
        {
            throw new InvalidDataException($"housing.txt has no {Dropped} column to drop.");
        }

        var features = new List<float[]>();
        var targets = new List<float>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split('\t');
            targets.Add(float.Parse(fields[0], CultureInfo.InvariantCulture));
            features.Add(Enumerable.Range(1, fields.Length - 1)
                .Where(i => i != dropped)
                .Select(i => float.Parse(fields[i], CultureInfo.InvariantCulture))
                .ToArray());
        }

        return new Dataset("housing", [.. features], null, [.. targets], classCount: 0);
    }

    /// <summary>
    /// One of the UCI sets converted from mlbench (Data/README.md): a header line, then <c>Label</c> (0..k−1) and the features,
    /// comma-separated; <paramref name="fileName"/> may be gzip-compressed (<c>.gz</c>).
    /// </summary>
    public static Dataset LoadLabelledCsv(string name, string fileName, int classCount)
    {
        using var reader = OpenText(fileName);
        if (reader.ReadLine() is not { } header || !header.StartsWith("Label,", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{fileName} does not start with a header whose first column is Label.");
        }

        var features = new List<float[]>();
        var labels = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            int label = int.Parse(fields[0], CultureInfo.InvariantCulture);
            if (label < 0 || label >= classCount)
            {
                throw new InvalidDataException($"{fileName} has label {label} on row {labels.Count + 1}; expected 0 to {classCount - 1}.");
            }

            labels.Add(label);
            features.Add(fields.Skip(1).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray());
        }

        return new Dataset(name, [.. features], [.. labels], null, classCount);
    }

    /// <summary>A reader over a file of Data/, decompressed when its name ends in <c>.gz</c>; disposing it closes the file.</summary>
    private static StreamReader OpenText(string fileName)
    {
        var file = File.OpenRead(Path.Combine(DataDirectory, fileName));
        return new StreamReader(fileName.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file);
    }
}
