using System.Reflection;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Microsoft.ML.LrFinder.Trainers.ObjectDetection;

/// <summary>
/// Every non-public member of Microsoft.ML.TorchSharp 0.23.1 the ObjectDetection hook touches, resolved once and checked
/// together before any training: the version guard. Read from the decompiled 0.23.1 ObjectDetectionTrainer. The members it
/// shares with every family and with QuestionAnswer are listed in <see cref="TrainerInternals{TSelf, TTrainer, TOptions}"/> and
/// <see cref="NestedTrainerInternals{TSelf, TTrainer, TOptions}"/>; this adds its SGD optimizer (stepped once per image) and, for
/// the tuning step's held-out loss, the fitted transformer's detector and device and the trainer's image normalisation.
/// </summary>
/// <remarks>Built once, by <see cref="TrainerInternals{TSelf, TTrainer, TOptions}.Get"/>.</remarks>
internal sealed class ObjectDetectionInternals : NestedTrainerInternals<ObjectDetectionInternals, ObjectDetectionTrainer, ObjectDetectionTrainer.Options>
{
    /// <summary>The trainer's catalog name.</summary>
    public const string TrainerName = "ObjectDetection";

    private readonly FieldInfo? optimizer;
    private readonly FieldInfo? transformerModel;
    private readonly FieldInfo? transformerDevice;
    private readonly MethodInfo? normalize;

    /// <summary>Resolves the members; use <see cref="TrainerInternals{TSelf, TTrainer, TOptions}.Get"/>, which checks them.</summary>
    public ObjectDetectionInternals()
    {
        optimizer = Resolver.Field(InternalTrainerType, "Optimizer", typeof(Optimizer));

        // For the tuning step's held-out loss (ObjectDetectionValidationLoss): the detector the transformer predicts with, its
        // device, and the static Normalize(Tensor, Device) both the trainer's and the transformer's image preparation end with.
        transformerModel = Resolver.Field(typeof(ObjectDetectionTransformer), "Model", typeof(AutoFormerV2));
        transformerDevice = Resolver.Field(typeof(ObjectDetectionTransformer), "Device", typeof(Device));
        normalize = Resolver.StaticMethod(InternalTrainerType, "Normalize", typeof(Tensor), typeof(Device));
    }

    /// <summary>
    /// Writes a random-weight AutoFormerV2 detector as ObjectDetectionTrainer.Trainer loads the pretrained file: it builds
    /// <c>AutoFormerV2(classes, [64, 128, 256, 448], [2, 2, 6, 2], [2, 4, 8, 14])</c> and loads with <c>strict: false</c>, so the
    /// class-count-dependent classification convolution stays out of the file and keeps its fresh initialisation.
    /// </summary>
    /// <param name="path">The file to write.</param>
    public static void SaveRandomDetector(string path)
    {
        using var detector = new AutoFormerV2(1, [64, 128, 256, 448], [2, 2, 6, 2], [2, 4, 8, 14]);
        var classDependent = detector.state_dict().Keys.Where(k => k.Contains(".retina_cls.", StringComparison.Ordinal)).ToList();
        detector.save(path, classDependent);
    }

    /// <summary>The detector a fitted transformer predicts with (its own; never disposed here).</summary>
    public AutoFormerV2 GetModel(ObjectDetectionTransformer transformer) => (AutoFormerV2)transformerModel!.GetValue(transformer)!;

    /// <summary>The device a fitted transformer's detector runs on.</summary>
    public Device GetDevice(ObjectDetectionTransformer transformer) => (Device)transformerDevice!.GetValue(transformer)!;

    /// <summary>The trainer's normalisation of a padded image batch scaled to [0, 1] (its per-channel mean and deviation).</summary>
    public Tensor Normalize(Tensor paddedImage, Device device) => (Tensor)Invoke(normalize!, null, paddedImage, device)!;

    /// <inheritdoc/>
    public override Optimizer GetOptimizer(object internalTrainer) => (Optimizer)optimizer!.GetValue(internalTrainer)!;
}
