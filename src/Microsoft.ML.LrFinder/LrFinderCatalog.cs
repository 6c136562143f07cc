using Microsoft.ML.LrFinder;
using Microsoft.ML.LrFinder.Trainers;

namespace Microsoft.ML;

/// <summary>
/// Learning-rate sweeps as an analysis step, without a fit: for auto-tuning code that wants the curve and the suggestions.
/// Get it with <c>mlContext.LrFinder()</c>. <c>Find</c> takes the trainer you would fit, sweeps its own training step on a
/// throwaway internal trainer, and returns the result; the trainer's options object is not modified and torch's random
/// generator is left as it was.
/// </summary>
public sealed partial class LrFinderCatalog
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
    /// <param name="data">The training data.</param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="trainerOptions">The row budget; default null: every row may be read.</param>
    /// <param name="cancellationToken">
    /// Ends the sweep at the next step with <see cref="LrFinderStopReason.Cancelled"/> and returns the curve so far (no exception).
    /// <c>MLContext.CancelExecution()</c> also stops it, with an <see cref="OperationCanceledException"/>, as it stops the trainer.
    /// </param>
    /// <returns>
    /// The curve, the suggestions and the selected learning rate (the one to put in <c>LearningRate = [lr]</c>, or in
    /// <c>InitLearningRate</c> for ObjectDetection).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="trainer"/> is not one of the five TorchSharp trainers (the message names its type), or the data does not
    /// fit the trainer (the message names the column or option).
    /// </exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp lacks a member the hook needs (tested: 0.23.1 and 0.24.0).</exception>
    public LrFinderResult Find<TTransformer>(
        IEstimator<TTransformer> trainer, IDataView data, LrFinderOptions? finderOptions = null, LrFinderTrainerOptions? trainerOptions = null, CancellationToken cancellationToken = default)
        where TTransformer : class, ITransformer =>
        Sweep(TrainerSweeps.For(trainer, nameof(trainer)), data, finderOptions, trainerOptions, cancellationToken);

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

    private static LrFinderResult Sweep<TTransformer>(
        ITrainerSweep<TTransformer> target, IDataView data, LrFinderOptions? finderOptions, LrFinderTrainerOptions? trainerOptions, CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(data);
        return TrainerLrFinder.Find(
            target, data, finderOptions?.Clone() ?? new LrFinderOptions(), trainerOptions?.Clone() ?? new LrFinderTrainerOptions(), cancellationToken);
    }
}
