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

    /// <summary>Sets Adam's β1 in every parameter group (see <c>TrainerHook.OneCyclePeakMomentum</c>).</summary>
    public static void SetBeta1(Optimizer optimizer, double beta1)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            if (group is IBetas betas)
            {
                betas.Betas = (beta1, betas.Betas.Item2);
            }
        }
    }
}
