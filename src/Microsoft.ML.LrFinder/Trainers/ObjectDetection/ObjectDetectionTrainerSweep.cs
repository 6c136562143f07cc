using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.TorchSharp.AutoFormerV2;

namespace Microsoft.ML.LrFinder.Trainers.ObjectDetection;

/// <summary>
/// The hook for ObjectDetection. The trainer steps SGD once per image (gradient norm clipped to 0.1) and its MultiStepLR once per
/// epoch, so the per-step callback is its progress checkpoint: with <c>LogEveryNStep = 1</c> the trainer hands every step's
/// focal loss to the progress channel it is given, after <c>Optimizer.step()</c>. The scheduler is replaced by one that does
/// nothing, so an epoch boundary cannot rescale the swept learning rate.
/// </summary>
internal sealed class ObjectDetectionTrainerSweep : TrainerSweep<ObjectDetectionTransformer>
{
    private readonly ObjectDetectionTrainer trainer;

    public ObjectDetectionTrainerSweep(ObjectDetectionTrainer trainer)
        : base(ObjectDetectionInternals.TrainerName)
    {
        this.trainer = trainer;
    }

    public override IEstimator<ObjectDetectionTransformer> Trainer => trainer;

    public override IHost Host => ObjectDetectionInternals.Get().GetHost(trainer);

    public override int BatchSize => 1;

    public override double TrainerLearningRate => Options.InitLearningRate;

    public override string LearningRateOptionName => "InitLearningRate";

    // InitLearningRate is the starting rate of a per-epoch step decay.
    public override LrTrainingSchedule TrainingSchedule => LrTrainingSchedule.Constant;

    private ObjectDetectionTrainer.Options Options => ObjectDetectionInternals.Get().GetOptions(trainer);

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

    public override LrFinderResult Sweep(IDataView sweepData, IDataView fullData, LrFinderOptions options, IChannel channel, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken)
    {
        var internals = ObjectDetectionInternals.Get();
        var sweepOptions = CopyOptions(internals.GetOptions(trainer));
        sweepOptions.ValidationSet = null;
        sweepOptions.MaxEpoch = 1;
        sweepOptions.LogEveryNStep = 1;

        return NestedTrainerSweepRunner.Run(
            internals, trainer, sweepOptions, BatchSize, sweepData, fullData, options, channel, TrainerName, prepareOptimizer: null, InternalTrainerCreated, progress, cancellationToken);
    }

    public override ObjectDetectionTransformer FitWithLearningRate(IDataView input, double learningRate)
    {
        var internals = ObjectDetectionInternals.Get();
        var copy = CopyOptions(internals.GetOptions(trainer));
        copy.InitLearningRate = learningRate;
        using (internals.UseOptions(trainer, copy))
        {
            return trainer.Fit(input);
        }
    }

    // Steps is the only mutable reference in the options; the copy gets its own list.
    private static ObjectDetectionTrainer.Options CopyOptions(ObjectDetectionTrainer.Options options)
    {
        var copy = OptionsCopy.Of(options);
        copy.Steps = [.. options.Steps];
        return copy;
    }
}
