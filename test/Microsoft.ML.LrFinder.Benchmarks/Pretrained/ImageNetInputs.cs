using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using Microsoft.ML.LrFinder.Samples.ImageClassification;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Pretrained;

/// <summary>
/// Image data sets as ML.NET's pretrained ResNet18 takes them: square RGB images on the 0–255 scale turned by ML.NET's own
/// preprocessing graph (<see cref="ImageNetPreprocessing"/>: BGR, minus the mean image at the images' size) into rows of
/// 3 × side × side features, for tasks whose sample shape is [3, side, side].
/// </summary>
internal static class ImageNetInputs
{
    /// <summary>The side of the images the pretrained tasks train on: ResNet18's smallest (<see cref="ResNet18.MinimumImageSize"/>), the cheapest on a CPU.</summary>
    public const int ImageSide = ResNet18.MinimumImageSize;

    /// <summary>The sample shape of a row: [3, side, side].</summary>
    public static long[] SampleShape => [3, ImageSide, ImageSide];

    /// <summary>
    /// scikit-learn's 8×8 digits as 32×32 photographs of dark ink on white paper: pixel counts 0–16 to ink, bilinear upsampling,
    /// the same plane in R, G and B.
    /// </summary>
    public static Dataset LoadDigits()
    {
        var digits = DataFiles.LoadDigits();
        using var scope = NewDisposeScope();
        var flat = digits.Features.SelectMany(row => row).ToArray();
        var gray = tensor(flat, [digits.Count, 1, 8, 8]);
        var large = nn.functional.interpolate(gray, [ImageSide, ImageSide], mode: InterpolationMode.Bilinear, align_corners: false);
        var rgb = (255f * (1f - large.clamp(0, 1))).expand(-1, 3, -1, -1);
        return Prepared("digits as 3×32×32 images", rgb, digits.ClassLabels!, digits.ClassCount);
    }

    /// <summary>Noto emoji of four categories (Data/README.md), stored 32×32 RGB: the label is the category.</summary>
    public static Dataset LoadEmoji()
    {
        var emoji = DataFiles.LoadLabelledCsv("emoji", "emoji-noto-32.csv.gz", 4);
        if (emoji.FeatureCount != 3 * ImageSide * ImageSide)
        {
            throw new InvalidDataException($"emoji-noto-32.csv.gz has {emoji.FeatureCount} pixel values a row; expected 3×{ImageSide}×{ImageSide}.");
        }

        using var scope = NewDisposeScope();
        var rgb = tensor(emoji.Features.SelectMany(row => row).ToArray(), [emoji.Count, 3, ImageSide, ImageSide]);
        return Prepared("Noto emoji categories", rgb, emoji.ClassLabels!, emoji.ClassCount);
    }

    private static Dataset Prepared(string name, Tensor rgb, int[] labels, int classCount)
    {
        using var preprocessing = ImageNetPreprocessing.Load();
        var input = preprocessing.Apply(rgb.contiguous()).contiguous();
        float[] values = input.data<float>().ToArray();
        int width = 3 * ImageSide * ImageSide;
        var rows = Enumerable.Range(0, labels.Length).Select(i => values.AsSpan(i * width, width).ToArray()).ToArray();
        return new Dataset(name, rows, labels, null, classCount);
    }
}
