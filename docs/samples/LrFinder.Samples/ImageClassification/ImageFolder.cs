using SkiaSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>
/// Reads a user's images laid out one folder per class (<c>root/cat/1.jpg</c>, <c>root/dog/7.png</c>, …), the layout of
/// ML.NET's image-classification samples: the folder's name is the label.
/// </summary>
public static class ImageFolder
{
    /// <summary>The file extensions read; any other file is ignored.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>Loads every image under <paramref name="root"/>, resized to a square of <paramref name="size"/> pixels.</summary>
    /// <param name="root">A folder holding one subfolder per class.</param>
    /// <param name="size">The side the images are resized to (their aspect is not kept); 32 to 64 suits a CPU.</param>
    /// <returns>The images as [N, 3, size, size] RGB on the 0–255 scale, their labels, the classes in alphabetical order.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 8.</exception>
    /// <exception cref="InvalidDataException">There are fewer than two class folders with images, or an image cannot be decoded.</exception>
    public static LabelledImages Load(string root, int size)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"No image folder at '{root}'.");
        }

        var classes = Directory.GetDirectories(root)
            .Select(folder => (Name: Path.GetFileName(folder), Files: ImagesIn(folder)))
            .Where(c => c.Files.Length > 0)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToArray();
        if (classes.Length < 2)
        {
            throw new InvalidDataException($"'{root}' must hold one subfolder of images per class, at least two; it has {classes.Length}.");
        }

        var files = classes.SelectMany((c, label) => c.Files.Select(file => (File: file, Label: (long)label))).ToArray();
        var pixels = new float[files.Length * 3 * size * size];
        for (int i = 0; i < files.Length; i++)
        {
            ReadRgb(files[i].File, size, pixels.AsSpan(i * 3 * size * size, 3 * size * size));
        }

        return new LabelledImages(
            tensor(pixels, [files.Length, 3, size, size]),
            tensor(files.Select(f => f.Label).ToArray()),
            classes.Select(c => c.Name).ToArray());
    }

    private static string[] ImagesIn(string folder) => Directory.GetFiles(folder)
        .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
        .OrderBy(f => f, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads one image file, resized to a square of <paramref name="size"/> pixels.</summary>
    /// <param name="file">A PNG, JPEG, BMP, GIF or WebP file.</param>
    /// <param name="size">The side it is resized to; at least 8.</param>
    /// <returns>[1, 3, size, size], RGB, 0–255.</returns>
    /// <exception cref="InvalidDataException">The file cannot be decoded.</exception>
    public static Tensor LoadImage(string file, int size)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 8);
        var pixels = new float[3 * size * size];
        ReadRgb(file, size, pixels);
        return tensor(pixels, [1, 3, size, size]);
    }

    /// <summary>Decodes one image, resizes it and writes its R, G and B planes into <paramref name="planes"/>.</summary>
    private static void ReadRgb(string file, int size, Span<float> planes)
    {
        using var decoded = SKBitmap.Decode(file) ?? throw new InvalidDataException($"'{file}' is not an image SkiaSharp can decode.");
        // SkiaSharp 3 (ML.NET 6.0.0's line) marks SKFilterQuality obsolete in favour of SKSamplingOptions, which SkiaSharp 2.88
        // (ML.NET 5.0.1's line) lacks: the one call that builds on both lines.
#pragma warning disable CS0618
        using var resized = decoded.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul), SKFilterQuality.Medium)
            ?? throw new InvalidDataException($"'{file}' could not be resized to {size}×{size}.");
#pragma warning restore CS0618
        var rgba = resized.GetPixelSpan();
        int area = size * size;
        for (int p = 0; p < area; p++)
        {
            planes[p] = rgba[(4 * p) + 0];
            planes[area + p] = rgba[(4 * p) + 1];
            planes[(2 * area) + p] = rgba[(4 * p) + 2];
        }
    }
}
