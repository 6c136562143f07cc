using Microsoft.ML.Data;
using Microsoft.ML.TorchSharp.AutoFormerV2;

namespace Microsoft.ML.LrFinder.Trainers.ObjectDetection;

/// <summary>
/// The hook for ObjectDetection. The trainer steps SGD once per image (gradient norm clipped to 0.1) and its MultiStepLR once per
/// epoch, so the per-step callback is its progress checkpoint: with <c>LogEveryNStep = 1</c> the trainer hands every step's
/// focal loss to the progress channel it is given, after <c>Optimizer.step()</c>. The scheduler is replaced by one that does
/// nothing, so an epoch boundary cannot rescale the swept learning rate. The tuning step's probes are real fits at
/// <c>InitLearningRate</c>, scored by the trainer's focal loss on held-out images (<see cref="ObjectDetectionValidationLoss"/>).
/// </summary>
internal sealed class ObjectDetectionTrainerHook
    : TrainerHook<ObjectDetectionInternals, ObjectDetectionTrainer, ObjectDetectionTrainer.Options, ObjectDetectionTransformer>
{
    // InitLearningRate is the starting rate of a per-epoch step decay.
    public ObjectDetectionTrainerHook(ObjectDetectionTrainer trainer)
        : base(trainer, ObjectDetectionInternals.TrainerName, LrTrainingSchedule.Constant, "InitLearningRate")
    {
    }

    public override int BatchSize => 1;

    public override int Epochs => Options.MaxEpoch;

    public override double TrainerLearningRate => Options.InitLearningRate;

    public override void CheckInput(IDataView input)
    {
        var options = Options;
        var label = InputChecks.Column(input, options.LabelColumnName, nameof(options.LabelColumnName), TrainerName);
        InputChecks.RequireKeyVector(label, nameof(options.LabelColumnName));
        InputChecks.RequireSingleVector(
            InputChecks.Column(input, options.BoundingBoxColumnName, nameof(options.BoundingBoxColumnName), TrainerName), nameof(options.BoundingBoxColumnName));
        RequireImages(InputChecks.Column(input, options.ImageColumnName, nameof(options.ImageColumnName), TrainerName));

        InputChecks.RequireOneBatch(InputChecks.CountRows(input), 1, "one image per step", TrainerName);
    }

    public override bool SupportsTuning => true;

    public override IDataView? ValidationSet => Options.ValidationSet;

    public override void CheckValidation(IDataView validation, IDataView training)
    {
        var options = Options;
        var label = InputChecks.Column(validation, options.LabelColumnName, nameof(options.LabelColumnName), TrainerName);
        var trainingLabel = InputChecks.Column(training, options.LabelColumnName, nameof(options.LabelColumnName), TrainerName);
        InputChecks.RequireTrainingLabelType(label, trainingLabel, nameof(options.LabelColumnName));

        // The trainer builds its detector with one class per distinct label of the training data (not per key of the key type),
        // and trains on class key - 1: a held-out key past that count names no class of the detector.
        int classes = training.GetColumn<VBuffer<uint>>(trainingLabel).SelectMany(v => v.DenseValues()).Distinct().Count();
        uint highest = validation.GetColumn<VBuffer<uint>>(label).SelectMany(v => v.DenseValues()).DefaultIfEmpty().Max();
        if (highest > classes)
        {
            throw new ArgumentException(
                $"Column '{label.Name}' ({nameof(options.LabelColumnName)}) holds key {highest}, but the detector has {classes} classes (the distinct labels of the training data).",
                "input");
        }

        InputChecks.RequireSingleVector(
            InputChecks.Column(validation, options.BoundingBoxColumnName, nameof(options.BoundingBoxColumnName), TrainerName), nameof(options.BoundingBoxColumnName));
        RequireImages(InputChecks.Column(validation, options.ImageColumnName, nameof(options.ImageColumnName), TrainerName));
        InputChecks.RequireRowsToScore(validation);
    }


    public override double ValidationLoss(ITransformer model, IDataView validation)
    {
        var internals = Internals;
        var transformer = (ObjectDetectionTransformer)model;
        return ObjectDetectionValidationLoss.Compute(internals.GetModel(transformer), internals.GetDevice(transformer), validation, Options, internals.Normalize);
    }

    private static void RequireImages(DataViewSchema.Column image)
    {
        if (image.Type.RawType != typeof(MLImage))
        {
            throw new ArgumentException($"Column '{image.Name}' ({nameof(ObjectDetectionTrainer.Options.ImageColumnName)}) must hold images (MLImage, from LoadImages), not {image.Type}.", "input");
        }
    }

    protected override void SetLearningRate(ObjectDetectionTrainer.Options options, double learningRate) => options.InitLearningRate = learningRate;

    // Steps is the only mutable reference in the options.
    protected override void OwnLists(ObjectDetectionTrainer.Options copy) => copy.Steps = [.. copy.Steps];

    protected override void PrepareForProbe(ObjectDetectionTrainer.Options probeOptions, int epochs)
    {
        probeOptions.MaxEpoch = epochs;
        probeOptions.ValidationSet = null;
    }

    protected override void PrepareForSweep(ObjectDetectionTrainer.Options sweepOptions)
    {
        sweepOptions.ValidationSet = null;
        sweepOptions.MaxEpoch = 1;
        sweepOptions.LogEveryNStep = 1;
    }
}
