using Microsoft.ML.Data;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using Microsoft.ML.TorchSharp.Loss;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.ObjectDetection;

/// <summary>
/// ObjectDetection's held-out loss for the tuning step: the loss the trainer trains on, its <see cref="FocalLoss"/> (focal
/// classification loss plus smooth-L1 box regression against the anchors), computed by the fitted detector on each held-out
/// image without gradients and averaged over the images. The trainer steps once per image, so one image's loss is one step's.
/// </summary>
/// <remarks>
/// The transformer only reports the boxes left after thresholding and non-maximum suppression, which no loss can be read from,
/// and no forward hook on the detector fires; so each image is prepared here as the trainer prepares a training image
/// (Microsoft.ML.TorchSharp 0.23.1 <c>ObjectDetectionTrainer.Trainer.PrepareData</c>): BGR pixels to RGB, scaled to [0, 1],
/// zero-padded right and below to the next multiple of 32 (a whole 32 more when already a multiple), normalised by the trainer's
/// own <c>Normalize</c>; each box's four coordinates truncated to integers and its class as the label key minus one. The
/// detector has no dropout and its batch normalisation is frozen, so its evaluation mode computes what training computes.
/// </remarks>
internal static class ObjectDetectionValidationLoss
{
    /// <summary>The trainer's mean focal loss per held-out image.</summary>
    /// <param name="detector">The fitted transformer's detector.</param>
    /// <param name="device">The device it runs on.</param>
    /// <param name="validation">The held-out rows: image, label (key vector) and box (float vector, 4 per label) columns.</param>
    /// <param name="options">The trainer's options (column names).</param>
    /// <param name="normalize">The trainer's normalisation of a padded image.</param>
    /// <returns>The mean loss per image; positive infinity when a loss is not finite.</returns>
    public static double Compute(AutoFormerV2 detector, Device device, IDataView validation, ObjectDetectionTrainer.Options options, Func<Tensor, Device, Tensor> normalize)
    {
        var labelColumn = validation.Schema[options.LabelColumnName];
        var boxColumn = validation.Schema[options.BoundingBoxColumnName];
        var imageColumn = validation.Schema[options.ImageColumnName];
        using var cursor = validation.GetRowCursor([labelColumn, boxColumn, imageColumn]);
        var getLabels = cursor.GetGetter<VBuffer<uint>>(labelColumn);
        var getBoxes = cursor.GetGetter<VBuffer<float>>(boxColumn);
        var getImage = cursor.GetGetter<MLImage>(imageColumn);
        VBuffer<uint> labels = default;
        VBuffer<float> boxes = default;
        MLImage? image = null;

        using var focalLoss = new FocalLoss();
        double total = 0;
        int images = 0;
        using (new EvaluationScope(detector))
        {
            while (cursor.MoveNext())
            {
                using var scope = NewDisposeScope();
                getImage(ref image!);
                getLabels(ref labels);
                getBoxes(ref boxes);
                var input = normalize(PaddedImage(image, device), device);
                var (classifications, regressions, anchors) = detector.call(input);
                total += focalLoss.call(classifications, regressions, anchors, Annotations(labels, boxes, device)).ToDouble();
                images++;
            }
        }

        return images > 0 && double.IsFinite(total) ? total / images : double.PositiveInfinity;
    }

    // [1, 3, H', W'] in RGB order scaled to [0, 1], the image in the top-left corner of zeros.
    private static Tensor PaddedImage(MLImage image, Device device)
    {
        int height = image.Height;
        int width = image.Width;
        var rgb = tensor(image.GetBGRPixels, device: device).@float().reshape(height, width, 3).permute(2, 0, 1).flip(0);
        var padded = zeros(1, 3, height + 32 - (height % 32), width + 32 - (width % 32), device: device);
        padded[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(0, height), TensorIndex.Slice(0, width)] = rgb / 255.0;
        return padded;
    }

    // [1, boxes, 5] integers: x0, y0, x1, y1 (truncated) and the class index (key - 1).
    private static Tensor Annotations(VBuffer<uint> labels, VBuffer<float> boxes, Device device)
    {
        uint[] classes = labels.DenseValues().ToArray();
        float[] coordinates = boxes.DenseValues().ToArray();
        if (coordinates.Length < 4 * classes.Length)
        {
            throw new ArgumentException($"An image has {classes.Length} labels but {coordinates.Length} box coordinates; each label needs 4.", "validationData");
        }

        var rows = new long[classes.Length * 5];
        for (int i = 0; i < classes.Length; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                rows[(i * 5) + k] = (long)coordinates[(i * 4) + k];
            }

            rows[(i * 5) + 4] = classes[i] - 1L;
        }

        return tensor(rows, [1, classes.Length, 5], device: device);
    }
}
