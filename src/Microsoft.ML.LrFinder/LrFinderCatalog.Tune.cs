using Microsoft.ML.LrFinder;
using Microsoft.ML.LrFinder.Trainers;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML;

/// <summary>The tuning step on ML.NET trainers: sweep, then confirm the learning rate on held-out data with short probe fits.</summary>
public sealed partial class LrFinderCatalog
{
    /// <summary>
    /// Sweeps a TextClassification trainer, then fits it briefly at a few candidate learning rates around the selected one
    /// (the trainer's own fit with <c>LearningRate = [candidate]</c>, over a <see cref="LrTuneOptions.ProbeFraction"/> of its
    /// epochs × batches) and chooses the one whose log-loss on held-out data is lowest. Nothing is kept of the probe fits.
    /// </summary>
    /// <param name="options">The trainer options (as for <c>MulticlassClassification.Trainers.TextClassification(options)</c>); not modified.</param>
    /// <param name="train">The training data of the real fit.</param>
    /// <param name="validation">
    /// Held-out data with the same columns and label key type as <paramref name="train"/>; default null: the options'
    /// <c>ValidationSet</c>, or when that is null too, a <see cref="LrTuneOptions.HoldOutFraction"/> share of <paramref name="train"/>
    /// (the probes then train on the rest).
    /// </param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="tuneOptions">The candidates, probe length and hold-out share; default null: <see cref="LrTuneDefaults"/>.</param>
    /// <param name="trainerOptions">The sweep's row budget; default null: every row may be read.</param>
    /// <param name="progress">Receives one report per probe, on the calling thread; default null. Probes are also logged to <c>MLContext.Log</c>.</param>
    /// <param name="cancellationToken">Checked before each probe; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The sweep, every candidate with its held-out log-loss and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The training data does not fit the trainer, or the validation data cannot score it (parameter <c>validation</c>; the
    /// message names the column).
    /// </exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    /// <exception cref="OperationCanceledException">The token or <c>MLContext.CancelExecution()</c> cancelled the tuning.</exception>
    public LrTuneResult Tune(
        TextClassificationTrainer.TextClassificationOptions options,
        IDataView train,
        IDataView? validation = null,
        LrFinderOptions? finderOptions = null,
        LrTuneOptions? tuneOptions = null,
        LrFinderTrainerOptions? trainerOptions = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Tune(SweepOf(options, mlContext.MulticlassClassification.Trainers.TextClassification, TrainerSweeps.For), train, validation, finderOptions, tuneOptions, trainerOptions, progress, cancellationToken);

    /// <summary>
    /// Sweeps a SentenceSimilarity trainer, then fits it briefly at a few candidate learning rates around the selected one and
    /// chooses the one whose mean squared error on held-out data is lowest. See the TextClassification overload for the details.
    /// </summary>
    /// <param name="options">The trainer options (as for <c>Regression.Trainers.SentenceSimilarity(options)</c>); not modified.</param>
    /// <param name="train">The training data of the real fit.</param>
    /// <param name="validation">Held-out data; default null: the options' <c>ValidationSet</c>, else a held-out share of <paramref name="train"/>.</param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="tuneOptions">The candidates, probe length and hold-out share; default null: <see cref="LrTuneDefaults"/>.</param>
    /// <param name="trainerOptions">The sweep's row budget; default null: every row may be read.</param>
    /// <param name="progress">Receives one report per probe, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Checked before each probe; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The sweep, every candidate with its held-out mean squared error and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException">The training data does not fit the trainer, or the validation data cannot score it.</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    /// <exception cref="OperationCanceledException">The token or <c>MLContext.CancelExecution()</c> cancelled the tuning.</exception>
    public LrTuneResult Tune(
        SentenceSimilarityTrainer.SentenceSimilarityOptions options,
        IDataView train,
        IDataView? validation = null,
        LrFinderOptions? finderOptions = null,
        LrTuneOptions? tuneOptions = null,
        LrFinderTrainerOptions? trainerOptions = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Tune(SweepOf(options, mlContext.Regression.Trainers.SentenceSimilarity, TrainerSweeps.For), train, validation, finderOptions, tuneOptions, trainerOptions, progress, cancellationToken);

    /// <summary>
    /// Tunes a sweep of a TextClassification trainer already run (for example by <see cref="Find(TextClassificationTrainer.TextClassificationOptions, IDataView, LrFinderOptions?, LrFinderTrainerOptions?, CancellationToken)"/>):
    /// probes the candidates around its selected learning rate as the overload that sweeps does, without sweeping again.
    /// </summary>
    /// <param name="options">The trainer options the sweep ran with; not modified.</param>
    /// <param name="train">The training data of the real fit.</param>
    /// <param name="validation">Held-out data; null: the options' <c>ValidationSet</c>, else a held-out share of <paramref name="train"/>.</param>
    /// <param name="sweep">The sweep's result; when it selected nothing, no probe runs and the result says so.</param>
    /// <param name="tuneOptions">The candidates, probe length and hold-out share; default null: <see cref="LrTuneDefaults"/>.</param>
    /// <param name="progress">Receives one report per probe, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Checked before each probe; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The sweep, every candidate with its held-out log-loss and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/>, <paramref name="train"/> or <paramref name="sweep"/> is null.</exception>
    /// <exception cref="ArgumentException">The training data does not fit the trainer, or the validation data cannot score it.</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    /// <exception cref="OperationCanceledException">The token or <c>MLContext.CancelExecution()</c> cancelled the tuning.</exception>
    public LrTuneResult Tune(
        TextClassificationTrainer.TextClassificationOptions options,
        IDataView train,
        IDataView? validation,
        LrFinderResult sweep,
        LrTuneOptions? tuneOptions = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        TuneSweep(SweepOf(options, mlContext.MulticlassClassification.Trainers.TextClassification, TrainerSweeps.For), train, validation, sweep, tuneOptions, progress, cancellationToken);

    /// <summary>Tunes a sweep of a SentenceSimilarity trainer already run, without sweeping again (mean squared error on held-out data).</summary>
    /// <param name="options">The trainer options the sweep ran with; not modified.</param>
    /// <param name="train">The training data of the real fit.</param>
    /// <param name="validation">Held-out data; null: the options' <c>ValidationSet</c>, else a held-out share of <paramref name="train"/>.</param>
    /// <param name="sweep">The sweep's result; when it selected nothing, no probe runs and the result says so.</param>
    /// <param name="tuneOptions">The candidates, probe length and hold-out share; default null: <see cref="LrTuneDefaults"/>.</param>
    /// <param name="progress">Receives one report per probe, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Checked before each probe; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The sweep, every candidate with its held-out mean squared error and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/>, <paramref name="train"/> or <paramref name="sweep"/> is null.</exception>
    /// <exception cref="ArgumentException">The training data does not fit the trainer, or the validation data cannot score it.</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    /// <exception cref="OperationCanceledException">The token or <c>MLContext.CancelExecution()</c> cancelled the tuning.</exception>
    public LrTuneResult Tune(
        SentenceSimilarityTrainer.SentenceSimilarityOptions options,
        IDataView train,
        IDataView? validation,
        LrFinderResult sweep,
        LrTuneOptions? tuneOptions = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        TuneSweep(SweepOf(options, mlContext.Regression.Trainers.SentenceSimilarity, TrainerSweeps.For), train, validation, sweep, tuneOptions, progress, cancellationToken);

    private static LrTuneResult TuneSweep<TTransformer>(
        ITrainerSweep<TTransformer> target,
        IDataView train,
        IDataView? validation,
        LrFinderResult sweep,
        LrTuneOptions? tuneOptions,
        IProgress<LrTuneProgress>? progress,
        CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(sweep);
        var settings = tuneOptions?.Clone() ?? new LrTuneOptions();
        var plan = TrainerTuner.Prepare(target, train, validation, settings);
        return TrainerTuner.Run(target, plan, sweep, settings, progress, cancellationToken);
    }

    private static LrTuneResult Tune<TTransformer>(
        ITrainerSweep<TTransformer> target,
        IDataView train,
        IDataView? validation,
        LrFinderOptions? finderOptions,
        LrTuneOptions? tuneOptions,
        LrFinderTrainerOptions? trainerOptions,
        IProgress<LrTuneProgress>? progress,
        CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(train);
        var settings = tuneOptions?.Clone() ?? trainerOptions?.Tune?.Clone() ?? new LrTuneOptions();
        var plan = TrainerTuner.Prepare(target, train, validation, settings);
        var sweep = Find(target, train, finderOptions, trainerOptions, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return TrainerTuner.Run(target, plan, sweep, settings, progress, cancellationToken);
    }
}
