using Microsoft.ML.Data;
using Microsoft.ML.TorchSharp.AutoFormerV2;

namespace Microsoft.ML.LrFinder.Trainers.ObjectDetection;

/// <summary>
/// The hook for ObjectDetection. The trainer steps SGD once per image (gradient norm clipped to 0.1) and its MultiStepLR once per
/// epoch, so the per-step callback is its progress checkpoint: with <c>LogEveryNStep = 1</c> the trainer hands every step's
/// focal loss to the progress channel it is given, after <c>Optimizer.step()</c>. The scheduler is replaced by one that does
/// nothing, so an epoch boundary cannot rescale the swept learning rate.
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
        var image = InputChecks.Column(input, options.ImageColumnName, nameof(options.ImageColumnName), TrainerName);
        if (image.Type.RawType != typeof(MLImage))
        {
            throw new ArgumentException($"Column '{image.Name}' ({nameof(options.ImageColumnName)}) must hold images (MLImage, from LoadImages), not {image.Type}.", "input");
        }

        InputChecks.RequireOneBatch(InputChecks.CountRows(input), 1, "one image per step", TrainerName);
    }

    protected override void SetLearningRate(ObjectDetectionTrainer.Options options, double learningRate) => options.InitLearningRate = learningRate;

    // Steps is the only mutable reference in the options.
    protected override void OwnLists(ObjectDetectionTrainer.Options copy) => copy.Steps = [.. copy.Steps];

    protected override void PrepareForSweep(ObjectDetectionTrainer.Options sweepOptions)
    {
        sweepOptions.ValidationSet = null;
        sweepOptions.MaxEpoch = 1;
        sweepOptions.LogEveryNStep = 1;
    }
}
