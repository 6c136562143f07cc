using System.Globalization;
using Microsoft.ML.Runtime;
using static TorchSharp.torch.optim;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// Glue between a trainer's own training loop and the push-model <see cref="LrSweep"/>: the hook calls <see cref="OnStep"/>
/// after every optimizer step with that step's loss; the driver records it, logs a progress line, and writes the next
/// learning rate into the trainer's optimizer, or ends the trainer's loop with <see cref="SweepStoppedException"/>.
/// </summary>
internal sealed class SweepDriver
{
    private readonly LrSweep sweep;
    private readonly Optimizer optimizer;
    private readonly IChannel channel;
    private readonly string trainerName;
    private int stepsThisEpoch;

    // The iteration whose step is running, or whose loss is being recorded: what an exception thrown now is located at.
    private int iteration;

    public SweepDriver(LrSweep sweep, Optimizer optimizer, IChannel channel, string trainerName)
    {
        this.sweep = sweep;
        this.optimizer = optimizer;
        this.channel = channel;
        this.trainerName = trainerName;
    }

    /// <summary>
    /// Runs the sweep: sets the first learning rate, then calls <paramref name="trainOneEpoch"/> (one pass of the trainer's own
    /// loop over the sweep's rows) until the sweep stops, reading the rows again when they run out. Ends early when a pass
    /// makes no step (no usable row), which <see cref="LrSweep.ToRecord"/> reports as <see cref="LrFinderStopReason.EndOfData"/>.
    /// </summary>
    public void Run(int batchSize, Action trainOneEpoch)
    {
        channel.Info(MessageSensitivity.None, string.Create(
            CultureInfo.InvariantCulture,
            $"LrFinder: sweeping {trainerName} from {LrFormat.LearningRate(sweep.Options.StartLearningRate)} to {LrFormat.LearningRate(sweep.Options.EndLearningRate)} over {sweep.Options.NumberOfIterations} batches of {batchSize}."));
        if (!sweep.TryGetNextLearningRate(out double learningRate))
        {
            return;
        }

        SetLearningRate(optimizer, learningRate);
        while (!sweep.IsStopped)
        {
            stepsThisEpoch = 0;
            try
            {
                trainOneEpoch();
            }
            catch (SweepStoppedException)
            {
                return;
            }
            catch (Exception failure)
            {
                Locate(failure);
                throw;
            }

            if (stepsThisEpoch == 0)
            {
                return;
            }
        }
    }

    /// <summary>Records the loss of the step that just ran and prepares the next one.</summary>
    /// <exception cref="SweepStoppedException">The sweep has stopped: the trainer's loop must end.</exception>
    public void OnStep(double loss)
    {
        stepsThisEpoch++;
        iteration = sweep.Points.Count;
        bool running = sweep.Record(loss);
        var point = sweep.Points[^1];
        channel.Info(MessageSensitivity.None, string.Create(
            CultureInfo.InvariantCulture,
            $"LrFinder: batch {point.Iteration + 1}/{sweep.Options.NumberOfIterations}, learning rate {LrFormat.LearningRate(point.LearningRate)}, loss {LrFormat.Loss(point.Loss)}, smoothed {LrFormat.Loss(point.SmoothedLoss)}"));
        if (!running || !sweep.TryGetNextLearningRate(out double learningRate))
        {
            throw new SweepStoppedException();
        }

        SetLearningRate(optimizer, learningRate);
        iteration = sweep.Points.Count;
    }

    /// <summary>
    /// Adds the iteration and learning rate at which <paramref name="failure"/> was thrown to its <see cref="Exception.Data"/>
    /// (<see cref="LrSweepRunner.IterationDataKey"/>, <see cref="LrSweepRunner.LearningRateDataKey"/>), as the generic finder does.
    /// </summary>
    private void Locate(Exception failure) =>
        LrSweepRunner.Locate(failure, iteration, iteration < sweep.Options.NumberOfIterations ? sweep.LearningRateAt(iteration) : double.NaN);

    public static void SetLearningRate(Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    /// <summary>
    /// Adam's β1 during a sweep of a trainer that trains with a one-cycle schedule (the NAS-BERT family and question
    /// answering). Their OneCycleLR (base_momentum 0.85, max_momentum 0.95) cycles β1 against the learning rate and pairs the
    /// peak learning rate, which is where the suggestion is fed back, with 0.85. The sweep replaces that scheduler, so it
    /// holds β1 there.
    /// </summary>
    public const double OneCyclePeakMomentum = 0.85;

    /// <summary>Holds Adam's β1 at <see cref="OneCyclePeakMomentum"/> in every parameter group.</summary>
    public static void HoldOneCyclePeakMomentum(Optimizer optimizer)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            if (group is IBetas betas)
            {
                betas.Betas = (OneCyclePeakMomentum, betas.Betas.Item2);
            }
        }
    }
}
