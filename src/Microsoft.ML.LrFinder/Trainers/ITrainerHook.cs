using Microsoft.ML.Runtime;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// One ML.NET TorchSharp trainer as the faces see it: check its input, sweep its own training step on a throwaway internal
/// trainer, and fit it for real with a given learning rate through its public <c>Fit</c>. Covariant in what <c>Fit</c> returns,
/// so that a family's hook serves a trainer held as, for example, <c>IEstimator&lt;ITransformer&gt;</c>. One implementation,
/// <see cref="TrainerHook{TInternals, TTrainer, TOptions, TTransformer}"/>, with one subclass per trainer family.
/// </summary>
/// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns.</typeparam>
internal interface ITrainerHook<out TTransformer>
    where TTransformer : class, ITransformer
{
    /// <summary>The catalog name of the trainer, for messages: TextClassification, ObjectDetection, ...</summary>
    string TrainerName { get; }

    /// <summary>The user's trainer estimator.</summary>
    IEstimator<TTransformer> Trainer { get; }

    /// <summary>The host the trainer registered with its MLContext: logs, cancellation, device settings and temp path.</summary>
    IHost Host { get; }

    /// <summary>The rows per optimizer step (1 for object detection, which trains image by image).</summary>
    int BatchSize { get; }

    /// <summary>The learning rate in the user's options, as the trainer reads it.</summary>
    double TrainerLearningRate { get; }

    /// <summary>How the trainer uses the learning rate it is given: the default rule's constants follow it.</summary>
    LrTrainingSchedule TrainingSchedule { get; }

    /// <summary>Where the selected learning rate goes, for messages: <c>LearningRate = [lr]</c> or <c>InitLearningRate</c>.</summary>
    string LearningRateOptionName { get; }

    /// <summary>
    /// Called with each internal trainer a sweep builds, once its hook is in place and before its first step; null in the product.
    /// It lets tests read that trainer's own optimizer and model by their own reflection, so that what they check does not
    /// depend on the hook's view of the trainer.
    /// </summary>
    Action<object>? InternalTrainerCreated { get; set; }

    /// <summary>Whether the tuning step can probe this trainer (<see cref="FitProbe"/> and <see cref="ValidationLoss"/> work).</summary>
    bool SupportsTuning { get; }

    /// <summary>
    /// The passes over the data the real fit makes (<c>MaxEpoch</c>): the default rule reads the curve for a fit this long, and
    /// with the rows it is the budget the probes are a share of.
    /// </summary>
    int Epochs { get; }

    /// <summary>The validation data in the user's options (<c>ValidationSet</c>), or null.</summary>
    IDataView? ValidationSet { get; }

    /// <summary>
    /// Checks, before any training, that the hook can reach every internal member (the version guard) and that the data has
    /// the trainer's columns with the right types, at least one batch of rows and, for classifiers, two classes.
    /// </summary>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp lacks a member the hook needs.</exception>
    /// <exception cref="ArgumentException">The data does not fit the trainer; the message names the column or option.</exception>
    void CheckInput(IDataView input);

    /// <summary>Sweeps the trainer's own training step on <paramref name="sweepData"/>.</summary>
    /// <param name="sweepData">The rows the sweep trains on (the row budget applied).</param>
    /// <param name="fullData">All rows: the trainer sizes its model (class count) from them, as the real fit will.</param>
    /// <param name="options">The sweep settings (validated).</param>
    /// <param name="channel">Where progress lines go (<c>MLContext.Log</c>).</param>
    /// <param name="progress">Receives one report per sweep batch, on the training thread; null for none.</param>
    /// <param name="cancellationToken">Ends the sweep early with <see cref="LrFinderStopReason.Cancelled"/> (no exception).</param>
    LrFinderResult Sweep(IDataView sweepData, IDataView fullData, LrFinderOptions options, IChannel channel, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken);

    /// <summary>The real fit, through the trainer's public <c>Fit</c>, on a copy of its options with <paramref name="learningRate"/>.</summary>
    TTransformer FitWithLearningRate(IDataView input, double learningRate);

    /// <summary>
    /// Checks, before any probe, that <paramref name="validation"/> can score this trainer's models: its columns and label
    /// type match <paramref name="training"/>'s. Throws <see cref="ArgumentException"/> whose message names the column.
    /// </summary>
    void CheckValidation(IDataView validation, IDataView training);

    /// <summary>A probe fit through the trainer's public <c>Fit</c>: its options with this learning rate and epoch count, no validation set.</summary>
    TTransformer FitProbe(IDataView input, double learningRate, int epochs);

    /// <summary>The loss of <paramref name="model"/> (one this trainer fitted) on <paramref name="validation"/>, in the terms the trainer optimizes (per row).</summary>
    double ValidationLoss(ITransformer model, IDataView validation);

    /// <summary>The error for a trainer the tuning step cannot probe yet.</summary>
    NotSupportedException NotTunable();
}
