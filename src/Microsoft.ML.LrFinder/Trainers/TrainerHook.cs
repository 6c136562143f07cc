using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The one implementation of <see cref="ITrainerHook{TTransformer}"/>: the sweep, the real fit and the probe fits, written once
/// over a family's <c>*Internals</c>. A family's subclass says only what differs: its input checks, where its options keep the
/// learning rate and which lists they own, and how its training loop reports a step's loss (<see cref="IStepLossCapture"/>).
/// </summary>
/// <remarks>
/// The sweep builds a throwaway internal trainer on a copy of the options (one epoch, no validation set), swaps its scheduler
/// for the loss capture's, holds Adam's β1 at the one-cycle peak for trainers trained with a one-cycle schedule, and runs the
/// trainer's own <c>Train</c> until the sweep stops; the internal trainer's model and optimizer are disposed whatever happens.
/// The fits run the trainer's public <c>Fit</c> with a copy of the user's options swapped in; the user's object is never changed.
/// </remarks>
/// <typeparam name="TInternals">The family's resolved internals.</typeparam>
/// <typeparam name="TTrainer">The public trainer estimator type.</typeparam>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
/// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns.</typeparam>
internal abstract class TrainerHook<TInternals, TTrainer, TOptions, TTransformer> : ITrainerHook<TTransformer>
    where TInternals : TrainerInternals<TInternals, TTrainer, TOptions>, new()
    where TTrainer : class, IEstimator<TTransformer>
    where TOptions : class
    where TTransformer : class, ITransformer
{
    /// <summary>
    /// Adam's β1 during a sweep of a trainer trained with a one-cycle schedule. Their OneCycleLR (base_momentum 0.85, max_momentum
    /// 0.95, in NasBertTrainerBase's and QATrainer.Trainer's constructors) cycles β1 against the learning rate and pairs the peak
    /// learning rate, which is where the suggestion is fed back, with 0.85. The sweep replaces that scheduler, so it holds β1 there.
    /// </summary>
    public const double OneCyclePeakMomentum = 0.85;

    private readonly TTrainer trainer;

    /// <param name="trainer">The user's trainer estimator.</param>
    /// <param name="trainerName">The trainer's catalog name.</param>
    /// <param name="trainingSchedule">How the trainer uses the learning rate it is given.</param>
    /// <param name="learningRateOptionName">The option the selected learning rate goes to.</param>
    protected TrainerHook(TTrainer trainer, string trainerName, LrTrainingSchedule trainingSchedule, string learningRateOptionName)
    {
        this.trainer = trainer;
        TrainerName = trainerName;
        TrainingSchedule = trainingSchedule;
        LearningRateOptionName = learningRateOptionName;
    }

    /// <inheritdoc/>
    public string TrainerName { get; }

    /// <inheritdoc/>
    public IEstimator<TTransformer> Trainer => trainer;

    /// <inheritdoc/>
    public IHost Host => Internals.GetHost(trainer);

    /// <inheritdoc/>
    public abstract int BatchSize { get; }

    /// <inheritdoc/>
    public abstract double TrainerLearningRate { get; }

    /// <inheritdoc/>
    public LrTrainingSchedule TrainingSchedule { get; }

    /// <inheritdoc/>
    public string LearningRateOptionName { get; }

    /// <inheritdoc/>
    public Action<object>? InternalTrainerCreated { get; set; }

    /// <inheritdoc/>
    public virtual bool SupportsTuning => false;

    /// <inheritdoc/>
    public abstract int Epochs { get; }

    /// <inheritdoc/>
    public virtual IDataView? ValidationSet => null;

    /// <summary>The family's internals, checked by the version guard.</summary>
    protected TInternals Internals => TrainerInternals<TInternals, TTrainer, TOptions>.Get(TrainerName);

    /// <summary>The user's options (never modified).</summary>
    protected TOptions Options => Internals.GetOptions(trainer);

    /// <inheritdoc/>
    public abstract void CheckInput(IDataView input);

    /// <inheritdoc/>
    public LrFinderResult Sweep(IDataView sweepData, IDataView fullData, LrFinderOptions options, IChannel channel, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken)
    {
        var internals = Internals;
        var sweepOptions = CopyOfOptions();
        PrepareForSweep(sweepOptions);

        var host = internals.GetHost(trainer);
        LrSweep sweep;
        using (internals.UseOptions(trainer, sweepOptions))
        {
            var internalTrainer = CreateInternalTrainer(internals, channel, fullData);

            // Started once the model is built and its weights loaded, so that elapsed time and ETA are the steps' own.
            sweep = new LrSweep(options, progress, cancellationToken);
            var model = internals.GetModel(internalTrainer);
            var optimizer = internals.GetOptimizer(internalTrainer);
            IStepLossCapture? capture = null;
            try
            {
                var driver = new SweepDriver(sweep, optimizer, channel, TrainerName);
                capture = CaptureStepLosses(internals, internalTrainer, model, sweepOptions, sweepData, driver.OnStep);
                internals.SetScheduler(internalTrainer, capture.Scheduler);
                if (TrainingSchedule == LrTrainingSchedule.OneCycle)
                {
                    SweepDriver.SetBeta1(optimizer, OneCyclePeakMomentum);
                }

                InternalTrainerCreated?.Invoke(internalTrainer);
                driver.Run(BatchSize, () =>
                {
                    capture.StartPass();
                    internals.Train(internalTrainer, host, sweepData, capture.Progress);
                });
            }
            finally
            {
                capture?.Dispose();
                optimizer.Dispose();
                model.Dispose();
            }
        }

        return sweep.BuildResult();
    }

    /// <summary>
    /// ML.NET's message when a trainer's pretrained model is neither on disk nor downloadable (Microsoft.ML.TorchSharp 0.23.1 and
    /// 0.24.0, <c>"model file could not be downloaded!"</c>); the one place that reads it, so that callers get a type.
    /// </summary>
    internal const string DownloadFailedMessage = "could not be downloaded";

    // Building the internal trainer loads the pretrained model: a download that failed becomes a typed exception here.
    private object CreateInternalTrainer(TInternals internals, IChannel channel, IDataView fullData)
    {
        try
        {
            return internals.CreateTrainer(trainer, new QuietChannel(channel), fullData);
        }
        catch (InvalidOperationException failure) when (failure.Message.Contains(DownloadFailedMessage, StringComparison.Ordinal)
            && Enum.TryParse(TrainerName, out TorchSharpTrainerKind kind))
        {
            throw new PretrainedModelUnavailableException(kind, RandomTrialWeights.FileName(kind), failure);
        }
    }

    /// <inheritdoc/>
    public TTransformer FitWithLearningRate(IDataView input, double learningRate) => Fit(input, copy => SetLearningRate(copy, learningRate));

    /// <inheritdoc/>
    public virtual void CheckValidation(IDataView validation, IDataView training) => throw NotTunable();

    /// <inheritdoc/>
    public TTransformer FitProbe(IDataView input, double learningRate, int epochs) => SupportsTuning
        ? Fit(input, copy =>
        {
            SetLearningRate(copy, learningRate);
            PrepareForProbe(copy, epochs);
        })
        : throw NotTunable();

    /// <inheritdoc/>
    public virtual double ValidationLoss(ITransformer model, IDataView validation) => throw NotTunable();

    /// <inheritdoc/>
    public virtual NotSupportedException NotTunable() => new($"The tuning step cannot probe {TrainerName}: it can be swept (Find, WithLrFinder) but not tuned.");

    /// <summary>
    /// The trainer's public <c>Fit</c> on a copy of the user's options that <paramref name="change"/> adjusts; the user's options
    /// object is swapped back in afterwards.
    /// </summary>
    protected TTransformer Fit(IDataView input, Action<TOptions> change)
    {
        var internals = Internals;
        var copy = CopyOfOptions();
        change(copy);
        using (internals.UseOptions(trainer, copy))
        {
            return trainer.Fit(input);
        }
    }

    /// <summary>Writes <paramref name="learningRate"/> where the trainer reads it (see <see cref="LearningRateOptionName"/>).</summary>
    protected abstract void SetLearningRate(TOptions options, double learningRate);

    /// <summary>Gives a shallow copy of the options lists of its own (the options' only mutable references).</summary>
    protected abstract void OwnLists(TOptions copy);

    /// <summary>Makes a probe's copy of the options train <paramref name="epochs"/> epochs, without a validation set.</summary>
    protected abstract void PrepareForProbe(TOptions probeOptions, int epochs);

    /// <summary>Makes the sweep's copy of the options train one epoch, without a validation set, reporting every step.</summary>
    protected abstract void PrepareForSweep(TOptions sweepOptions);

    /// <summary>
    /// Hooks the loss capture into a freshly built internal trainer; by default the trainer's progress channel
    /// (<see cref="ProgressChannelLossCapture"/>).
    /// </summary>
    /// <param name="internals">The family's internals.</param>
    /// <param name="internalTrainer">The internal trainer the sweep runs.</param>
    /// <param name="model">Its model.</param>
    /// <param name="sweepOptions">The sweep's copy of the options.</param>
    /// <param name="sweepData">The rows the sweep trains on.</param>
    /// <param name="onStepLoss">Receives each step's loss.</param>
    protected virtual IStepLossCapture CaptureStepLosses(
        TInternals internals, object internalTrainer, nn.Module model, TOptions sweepOptions, IDataView sweepData, Action<double> onStepLoss) =>
        new ProgressChannelLossCapture(onStepLoss);

    // A shallow copy keeps every setting (internal ones too); the lists get their own storage.
    private TOptions CopyOfOptions()
    {
        var copy = Internals.CopyOptions(Options);
        OwnLists(copy);
        return copy;
    }
}
