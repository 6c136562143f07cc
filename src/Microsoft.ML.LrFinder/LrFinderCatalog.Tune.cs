using Microsoft.ML.LrFinder;
using Microsoft.ML.LrFinder.Trainers;

namespace Microsoft.ML;

/// <summary>The tuning step on ML.NET trainers: sweep, then confirm the learning rate on held-out data with short probe fits.</summary>
public sealed partial class LrFinderCatalog
{
    /// <summary>
    /// Sweeps a trainer, then fits it briefly at a few candidate learning rates around the selected one (the trainer's own fit
    /// with <c>LearningRate = [candidate]</c>, over a <see cref="LrTuneOptions.ProbeFraction"/> of its epochs × batches) and
    /// chooses the one whose loss on held-out data is lowest: log-loss for TextClassification, mean squared error for
    /// SentenceSimilarity. Nothing is kept of the probe fits.
    /// </summary>
    /// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns; inferred from the trainer.</typeparam>
    /// <param name="trainer">
    /// A TextClassification or SentenceSimilarity trainer, as the ML.NET catalog returns it
    /// (<c>mlContext.MulticlassClassification.Trainers.TextClassification(options)</c>); not fitted, its options object not modified.
    /// </param>
    /// <param name="train">The training data of the real fit.</param>
    /// <param name="validation">
    /// Held-out data with the same columns and label type as <paramref name="train"/>; default null: the trainer options'
    /// <c>ValidationSet</c>, or when that is null too, a <see cref="LrTuneOptions.HoldOutFraction"/> share of <paramref name="train"/>
    /// (the probes then train on the rest).
    /// </param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="tuneOptions">
    /// The candidates, probe length and hold-out share; default null: <paramref name="trainerOptions"/>' <c>Tune</c>, else
    /// <see cref="LrTuneDefaults"/>.
    /// </param>
    /// <param name="trainerOptions">The sweep's row budget; default null: every row may be read.</param>
    /// <param name="progress">Receives one report per probe, on the calling thread; default null. Probes are also logged to <c>MLContext.Log</c>.</param>
    /// <param name="cancellationToken">Checked before each probe; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The sweep, every candidate with its held-out loss and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> or <paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="trainer"/> is not a TorchSharp trainer (the message names its type), the training data does not fit the
    /// trainer, or the validation data cannot score it (parameter <c>validation</c>; the message names the column).
    /// </exception>
    /// <exception cref="NotSupportedException">
    /// <paramref name="trainer"/> is a NamedEntityRecognition, ObjectDetection or QuestionAnswer trainer, which can be swept
    /// (<see cref="LrFinderCatalog.Find{TTransformer}"/>) but not tuned yet (the message names it); or the loaded
    /// Microsoft.ML.TorchSharp lacks a member the hook needs (tested: 0.23.1 and 0.24.0).
    /// </exception>
    /// <exception cref="OperationCanceledException">The token or <c>MLContext.CancelExecution()</c> cancelled the tuning.</exception>
    public LrTuneResult Tune<TTransformer>(
        IEstimator<TTransformer> trainer,
        IDataView train,
        IDataView? validation = null,
        LrFinderOptions? finderOptions = null,
        LrTuneOptions? tuneOptions = null,
        LrFinderTrainerOptions? trainerOptions = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TTransformer : class, ITransformer =>
        Tune(
            trainer,
            train,
            validation,
            tuneOptions ?? trainerOptions?.Tune,
            target =>
            {
                var sweep = Sweep(target, train, finderOptions, trainerOptions, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                return sweep;
            },
            progress,
            cancellationToken);

    /// <summary>
    /// Tunes a sweep of a trainer already run (for example by <see cref="LrFinderCatalog.Find{TTransformer}"/>): probes the
    /// candidates around its selected learning rate as the overload that sweeps does, without sweeping again.
    /// </summary>
    /// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns; inferred from the trainer.</typeparam>
    /// <param name="trainer">The TextClassification or SentenceSimilarity trainer the sweep ran on; not fitted, its options object not modified.</param>
    /// <param name="train">The training data of the real fit.</param>
    /// <param name="validation">Held-out data; null: the trainer options' <c>ValidationSet</c>, else a held-out share of <paramref name="train"/>.</param>
    /// <param name="sweep">The sweep's result; when it selected nothing, no probe runs and the result says so.</param>
    /// <param name="tuneOptions">The candidates, probe length and hold-out share; default null: <see cref="LrTuneDefaults"/>.</param>
    /// <param name="progress">Receives one report per probe, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Checked before each probe; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The sweep, every candidate with its held-out loss and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/>, <paramref name="train"/> or <paramref name="sweep"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="trainer"/> is not a TorchSharp trainer, the training data does not fit the trainer, or the validation data
    /// cannot score it.
    /// </exception>
    /// <exception cref="NotSupportedException">
    /// <paramref name="trainer"/> is a trainer that can be swept but not tuned yet (the message names it); or the loaded
    /// Microsoft.ML.TorchSharp lacks a member the hook needs (tested: 0.23.1 and 0.24.0).
    /// </exception>
    /// <exception cref="OperationCanceledException">The token or <c>MLContext.CancelExecution()</c> cancelled the tuning.</exception>
    public LrTuneResult Tune<TTransformer>(
        IEstimator<TTransformer> trainer,
        IDataView train,
        IDataView? validation,
        LrFinderResult sweep,
        LrTuneOptions? tuneOptions = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return Tune(trainer, train, validation, tuneOptions, _ => sweep, progress, cancellationToken);
    }

    // Both faces: check the trainer and the data and size the probes before anything trains, then get the sweep and probe.
    private static LrTuneResult Tune<TTransformer>(
        IEstimator<TTransformer> trainer,
        IDataView train,
        IDataView? validation,
        LrTuneOptions? tuneOptions,
        Func<ITrainerSweep<TTransformer>, LrFinderResult> sweepOf,
        IProgress<LrTuneProgress>? progress,
        CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        var target = TrainerSweeps.For(trainer, nameof(trainer));
        ArgumentNullException.ThrowIfNull(train);
        var settings = tuneOptions?.Clone() ?? new LrTuneOptions();
        var plan = TrainerTuner.Prepare(target, train, validation, settings);
        return TrainerTuner.Run(target, plan, sweepOf(target), settings, progress, cancellationToken);
    }
}
