using Microsoft.ML.Runtime;
using static TorchSharp.torch.optim;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// One sweep over the nested internal trainer of ObjectDetection or QuestionAnswer: build a throwaway internal trainer on the
/// sweep's copy of the options, replace its scheduler by one that does nothing, and let the trainer's own <c>Train</c> loop
/// report every step's loss through the progress channel (<c>LogEveryNStep = 1</c>), where the driver records it and sets the
/// next learning rate. The internal trainer's model and optimizer are disposed whatever happens.
/// </summary>
internal static class NestedTrainerSweepRunner
{
    /// <summary>Runs the sweep and returns its result.</summary>
    /// <param name="internals">The family's resolved internals (version guard already passed).</param>
    /// <param name="trainer">The user's trainer estimator.</param>
    /// <param name="sweepOptions">A copy of the trainer's options for the sweep: one epoch, no validation set, a loss every step.</param>
    /// <param name="batchSize">The rows per optimizer step.</param>
    /// <param name="sweepData">The rows the sweep trains on.</param>
    /// <param name="fullData">All rows, from which the trainer sizes its model.</param>
    /// <param name="options">The sweep settings (validated).</param>
    /// <param name="channel">Where progress lines go.</param>
    /// <param name="trainerName">The trainer's catalog name, for messages.</param>
    /// <param name="prepareOptimizer">Adjusts the trainer's optimizer before the first step (for example its momentum); may be null.</param>
    /// <param name="internalTrainerCreated">See <see cref="TrainerSweep{TTransformer}.InternalTrainerCreated"/>; may be null.</param>
    /// <param name="progress">Receives one report per sweep batch, on the training thread; null for none.</param>
    /// <param name="cancellationToken">Ends the sweep early with <see cref="LrFinderStopReason.Cancelled"/>.</param>
    public static LrFinderResult Run<TTrainer, TOptions>(
        NestedTrainerInternals<TTrainer, TOptions> internals,
        TTrainer trainer,
        TOptions sweepOptions,
        int batchSize,
        IDataView sweepData,
        IDataView fullData,
        LrFinderOptions options,
        IChannel channel,
        string trainerName,
        Action<Optimizer>? prepareOptimizer,
        Action<object>? internalTrainerCreated,
        IProgress<LrFinderProgress>? progress,
        CancellationToken cancellationToken)
        where TTrainer : class
        where TOptions : class
    {
        var host = internals.GetHost(trainer);
        LrSweep sweep;
        using (internals.UseOptions(trainer, sweepOptions))
        {
            var internalTrainer = internals.CreateTrainer(trainer, new QuietChannel(channel), fullData);

            // Started once the model is built and its weights loaded, so that elapsed time and ETA are the steps' own.
            sweep = new LrSweep(options, progress, cancellationToken);
            var model = internals.GetModel(internalTrainer);
            var optimizer = internals.GetOptimizer(internalTrainer);
            try
            {
                var driver = new SweepDriver(sweep, optimizer, channel, trainerName);
                internals.SetScheduler(internalTrainer, new SweepScheduler(onStep: null));
                prepareOptimizer?.Invoke(optimizer);
                internalTrainerCreated?.Invoke(internalTrainer);
                var stepLosses = new SweepProgressChannel(driver.OnStep);
                driver.Run(batchSize, () => internals.Train(internalTrainer, host, sweepData, stepLosses));
            }
            finally
            {
                optimizer.Dispose();
                model.Dispose();
            }
        }

        return sweep.BuildResult();
    }
}
