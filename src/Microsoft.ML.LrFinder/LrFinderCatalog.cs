using Microsoft.ML.LrFinder;
using Microsoft.ML.LrFinder.Trainers;

namespace Microsoft.ML;

/// <summary>
/// Learning-rate sweeps as an analysis step, without a fit: for auto-tuning code that wants the curve and the suggestions.
/// Get it with <c>mlContext.LrFinder()</c>. <c>Find</c> takes the trainer you would fit, sweeps its own training step on a
/// throwaway internal trainer, and returns the result; <c>Tune</c> goes on to confirm the learning rate on held-out data with
/// short probe fits. The trainer's options object is not modified and torch's random generator is left as it was.
/// </summary>
public sealed class LrFinderCatalog
{
    private readonly MLContext mlContext;

    internal LrFinderCatalog(MLContext mlContext)
    {
        this.mlContext = mlContext;
    }

    /// <summary>
    /// Sweeps a TorchSharp trainer: the one you would fit, as the ML.NET catalog returns it
    /// (<c>mlContext.MulticlassClassification.Trainers.TextClassification(options)</c>). See
    /// <see cref="LrFinderExtensions.WithLrFinder{TTransformer}"/> for the trainers accepted and where the selected rate goes.
    /// </summary>
    /// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns; inferred from the trainer.</typeparam>
    /// <param name="trainer">
    /// A TextClassification, SentenceSimilarity, NamedEntityRecognition, ObjectDetection or QuestionAnswer trainer; it is not
    /// fitted and its options object is not modified. Its <see cref="MLContext"/>'s log, cancellation, device and temp-path
    /// settings are the sweep's.
    /// </param>
    /// <param name="trainData">The training data.</param>
    /// <param name="options">
    /// The sweep's settings and its row budget; default null: <see cref="LrFinderDefaults"/>, every row may be read. Copied.
    /// <see cref="LrFinderTrainerOptions.WhenNoSuggestion"/> and <see cref="LrFinderTrainerOptions.Tune"/> are not read.
    /// </param>
    /// <param name="progress">
    /// Receives one report per sweep batch, synchronously on the training thread (keep it cheap; an exception it throws ends the
    /// sweep); default null. The sweep also logs to <c>MLContext.Log</c>.
    /// </param>
    /// <param name="cancellationToken">
    /// Ends the sweep at the next step with <see cref="LrFinderStopReason.Cancelled"/> and returns the curve so far (no exception).
    /// <c>MLContext.CancelExecution()</c> also stops it, with an <see cref="OperationCanceledException"/>, as it stops the trainer.
    /// </param>
    /// <returns>
    /// The curve, the suggestions and the selected learning rate (the one to put in <c>LearningRate = [lr]</c>, or in
    /// <c>InitLearningRate</c> for ObjectDetection).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> or <paramref name="trainData"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="trainer"/> is not one of the five TorchSharp trainers (the message names its type), or the data does not
    /// fit the trainer (the message names the column or option).
    /// </exception>
    /// <exception cref="PretrainedModelUnavailableException">
    /// The trainer's pretrained model is neither under <c>MLContext.TempFilePath</c> nor downloadable.
    /// </exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp lacks a member the hook needs (the message names it; tested: 0.23.1 and 0.24.0).</exception>
    public LrFinderResult Find<TTransformer>(
        IEstimator<TTransformer> trainer,
        IDataView trainData,
        LrFinderTrainerOptions? options = null,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TTransformer : class, ITransformer =>
        Sweep(TrainerHooks.For(trainer, nameof(trainer)), trainData, options, progress, cancellationToken);

    /// <summary>
    /// Writes random weights of the right architecture for a trainer's pretrained model where ML.NET looks before downloading it,
    /// <c>&lt;MLContext.TempFilePath&gt;/mlnet/&lt;file&gt;</c>, so that the trainer (and a sweep of it) runs without the download.
    /// For trying the trainers and the finder offline only: a curve on random weights says nothing about the learning rate of the
    /// pretrained model.
    /// </summary>
    /// <param name="trainer">Which trainer's pretrained file to write (TextClassification and SentenceSimilarity share one).</param>
    /// <param name="seed">The torch seed of the weights, so two calls write the same file; default 1. Torch's random generator is left as it was.</param>
    /// <returns>The path of the file written.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>MLContext.TempFilePath</c> is the system temp folder, where the file would stand in for the real download in every later
    /// run on this machine: set it to a folder of your own first.
    /// </exception>
    /// <exception cref="IOException">The file already exists (perhaps the real download); it is never overwritten.</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp lacks a model class the weights are written for (tested: 0.23.1 and 0.24.0).</exception>
    /// <example>
    /// <code>
    /// var mlContext = new MLContext(seed: 1) { TempFilePath = Directory.CreateTempSubdirectory("trial-").FullName };
    /// mlContext.LrFinder().WriteRandomWeights(TorchSharpTrainerKind.TextClassification);
    /// var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(options).WithLrFinder();
    /// </code>
    /// </example>
    /// <remarks>
    /// Cost measured on 2 CPU threads: NAS-BERT 17.9 MB in ~0.3 s; the NER encoder 54.8 MB in ~0.5 s; AutoFormerV2 77.5 MB in
    /// ~3.3 s; RoBERTa ~496 MB in ~5 s. Create the trainer from this <see cref="MLContext"/> after the call: trainers copy
    /// <c>TempFilePath</c> when the catalog creates them.
    /// </remarks>
    public string WriteRandomWeights(TorchSharpTrainerKind trainer, int seed = 1)
    {
        string fileName = RandomTrialWeights.FileName(trainer);
        string folder = Path.GetFullPath(mlContext.TempFilePath);
        if (string.Equals(Path.TrimEndingDirectorySeparator(folder), Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.GetTempPath())), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"MLContext.TempFilePath is the system temp folder ({folder}): random weights there would stand in for the real {fileName} in every later run. Set TempFilePath to a folder of your own first.");
        }

        string path = Path.Combine(folder, "mlnet", fileName);
        if (File.Exists(path))
        {
            throw new IOException($"{path} already exists; random weights never overwrite a pretrained file. Use another TempFilePath.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var randomState = TorchRandomState.RestoredWhenDisposed();
        global::TorchSharp.torch.random.manual_seed(seed);

        // Written next to the target and moved into place, so that a failed write never leaves a truncated file to be loaded.
        string partial = path + ".partial";
        RandomTrialWeights.Write(trainer, partial);
        File.Move(partial, path);
        return path;
    }

    /// <summary>
    /// Sweeps a trainer, then fits it briefly at candidate learning rates across the sweep's credible range (the trainer's own
    /// fit with <c>LearningRate = [candidate]</c> over part of its epochs × batches; by successive halving within
    /// <see cref="LrTuneOptions.Budget"/> real fits, or once each with the single-round settings) and chooses the one whose loss
    /// on held-out data is lowest in the last round: log-loss for TextClassification, mean squared error for
    /// SentenceSimilarity. Nothing is kept of the probe fits.
    /// </summary>
    /// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns; inferred from the trainer.</typeparam>
    /// <param name="trainer">
    /// A TextClassification or SentenceSimilarity trainer, as the ML.NET catalog returns it
    /// (<c>mlContext.MulticlassClassification.Trainers.TextClassification(options)</c>); not fitted, its options object not modified.
    /// </param>
    /// <param name="trainData">The training data of the real fit.</param>
    /// <param name="validationData">
    /// Held-out data with the same columns and label type as <paramref name="trainData"/>; default null: the trainer options'
    /// <c>ValidationSet</c>, or when that is null too, a <see cref="LrTuneOptions.HoldOutFraction"/> share of
    /// <paramref name="trainData"/> (the probes then train on the rest).
    /// </param>
    /// <param name="options">
    /// The sweep's settings and row budget, and in <see cref="LrFinderTrainerOptions.Tune"/> the candidates, probe length and
    /// hold-out share; default null: <see cref="LrFinderDefaults"/>, every row, <see cref="LrTuneDefaults"/>. Copied.
    /// </param>
    /// <param name="progress">Receives one report per probe, on the calling thread; default null. Probes are also logged to <c>MLContext.Log</c>.</param>
    /// <param name="cancellationToken">Checked before each probe; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The finder's result, every candidate with its held-out loss and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> or <paramref name="trainData"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="trainer"/> is not a TorchSharp trainer (the message names its type), the training data does not fit the
    /// trainer, or the validation data cannot score it (parameter <c>validationData</c>; the message names the column).
    /// </exception>
    /// <exception cref="NotSupportedException">
    /// <paramref name="trainer"/> is a NAS-BERT trainer whose options set a <c>TaskType</c> the tuning step has no held-out loss
    /// for (the message names it); or the loaded Microsoft.ML.TorchSharp moved a member the hook needs.
    /// </exception>
    /// <exception cref="PretrainedModelUnavailableException">
    /// The trainer's pretrained model is neither under <c>MLContext.TempFilePath</c> nor downloadable.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token or <c>MLContext.CancelExecution()</c> cancelled the tuning.</exception>
    public LrTuneResult Tune<TTransformer>(
        IEstimator<TTransformer> trainer,
        IDataView trainData,
        IDataView? validationData = null,
        LrFinderTrainerOptions? options = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TTransformer : class, ITransformer =>
        Tune(
            trainer,
            trainData,
            validationData,
            options,
            target =>
            {
                var finderResult = Sweep(target, trainData, options, progress: null, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                return finderResult;
            },
            progress,
            cancellationToken);

    /// <summary>
    /// Tunes a finder's result already computed (for example by <see cref="Find{TTransformer}"/>): probes the candidates around
    /// its selected learning rate as the overload that sweeps does, without sweeping again.
    /// </summary>
    /// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns; inferred from the trainer.</typeparam>
    /// <param name="trainer">The TextClassification or SentenceSimilarity trainer the sweep ran on; not fitted, its options object not modified.</param>
    /// <param name="trainData">The training data of the real fit.</param>
    /// <param name="validationData">Held-out data; null: the trainer options' <c>ValidationSet</c>, else a held-out share of <paramref name="trainData"/>.</param>
    /// <param name="finderResult">The sweep's result; when it selected nothing, no probe runs and the result says so.</param>
    /// <param name="options">
    /// In <see cref="LrFinderTrainerOptions.Tune"/>, the candidates, probe length and hold-out share; default null:
    /// <see cref="LrTuneDefaults"/>. The sweep's settings are not read.
    /// </param>
    /// <param name="progress">Receives one report per probe, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Checked before each probe; cancelling throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The finder's result, every candidate with its held-out loss and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/>, <paramref name="trainData"/> or <paramref name="finderResult"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="trainer"/> is not a TorchSharp trainer, the training data does not fit the trainer, or the validation data
    /// cannot score it (parameter <c>validationData</c>).
    /// </exception>
    /// <exception cref="NotSupportedException">
    /// <paramref name="trainer"/> is a NAS-BERT trainer whose options set a <c>TaskType</c> the tuning step has no held-out loss
    /// for (the message names it); or the loaded Microsoft.ML.TorchSharp moved a member the hook needs.
    /// </exception>
    /// <exception cref="OperationCanceledException">The token or <c>MLContext.CancelExecution()</c> cancelled the tuning.</exception>
    public LrTuneResult Tune<TTransformer>(
        IEstimator<TTransformer> trainer,
        IDataView trainData,
        IDataView? validationData,
        LrFinderResult finderResult,
        LrFinderTrainerOptions? options = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(finderResult);
        return Tune(trainer, trainData, validationData, options, _ => finderResult, progress, cancellationToken);
    }

    private static LrFinderResult Sweep<TTransformer>(
        ITrainerHook<TTransformer> target, IDataView trainData, LrFinderTrainerOptions? options, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(trainData);
        return TrainerLrFinder.Find(target, trainData, options?.Clone() ?? new LrFinderTrainerOptions(), progress, cancellationToken);
    }

    // Both Tune overloads: check the trainer and the data and size the probes before anything trains, then get the finder's
    // result and probe.
    private static LrTuneResult Tune<TTransformer>(
        IEstimator<TTransformer> trainer,
        IDataView trainData,
        IDataView? validationData,
        LrFinderTrainerOptions? options,
        Func<ITrainerHook<TTransformer>, LrFinderResult> finderResultOf,
        IProgress<LrTuneProgress>? progress,
        CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        var target = TrainerHooks.For(trainer, nameof(trainer));
        ArgumentNullException.ThrowIfNull(trainData);
        var settings = options?.Tune?.Clone() ?? new LrTuneOptions();
        var plan = TrainerTuner.Prepare(target, trainData, validationData, settings);
        return TrainerTuner.Run(target, plan, finderResultOf(target), settings, progress, cancellationToken);
    }
}
