using Microsoft.ML.LrFinder.Trainers;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// An ML.NET TorchSharp trainer with a learning-rate finder in front of it: <see cref="Fit"/> sweeps the trainer's own training
/// step, picks a learning rate, and fits the trainer with it. Create it with <c>trainer.WithLrFinder()</c>
/// (<see cref="LrFinderExtensions"/>); it works wherever the trainer does, including inside an <c>EstimatorChain</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Fit"/> checks the data, then sweeps on a throwaway copy of the trainer's internal trainer (its model, optimizer,
/// gradient clipping, batch preparation and batch size; the user's data, at most <see cref="LrFinderTrainerOptions.MaximumRows"/>
/// rows of it), then runs the trainer's own public <c>Fit</c> on a copy of its options whose learning rate is the selected one
/// (<c>LearningRate = [lr]</c> for TextClassification, SentenceSimilarity, NamedEntityRecognition and QuestionAnswer, the peak of
/// their one-cycle schedule; <c>InitLearningRate</c> for ObjectDetection). The transformer returned is the trainer's own, so
/// saving and loading models is unchanged. The user's options object is never modified, and the sweep leaves torch's random
/// generator as it found it, so the real fit sees the data and the random stream it would have seen without the finder.
/// </para>
/// <para>
/// Progress goes to <c>MLContext.Log</c> (one line per sweep batch, then a summary) and, per sweep batch, to the
/// <c>progress</c> given to <c>WithLrFinder</c>; libtorch's NNPACK is off during the sweep and the fit
/// (<see cref="LibTorchNnpack"/>); <c>MLContext.CancelExecution()</c> stops
/// the sweep or the fit with an <see cref="OperationCanceledException"/>; <c>GpuDeviceId</c> and <c>FallbackToCpu</c> apply to the
/// sweep exactly as to the trainer. Calls to <see cref="Fit"/> on estimators that share one trainer run one at a time.
/// </para>
/// </remarks>
/// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns.</typeparam>
public sealed class LrFinderEstimator<TTransformer> : IEstimator<TTransformer>
    where TTransformer : class, ITransformer
{
    private readonly ITrainerHook<TTransformer> target;
    private readonly LrFinderTrainerOptions options;
    private readonly IProgress<LrFinderProgress>? progress;

    internal LrFinderEstimator(ITrainerHook<TTransformer> target, LrFinderTrainerOptions options, IProgress<LrFinderProgress>? progress)
    {
        this.target = target;
        this.options = options;
        this.progress = progress;
    }

    /// <summary>The hook this estimator sweeps and fits through (for tests that observe the trainer it builds).</summary>
    internal ITrainerHook<TTransformer> Target => target;

    /// <summary>The wrapped trainer estimator, as the catalog returned it.</summary>
    public IEstimator<TTransformer> Trainer => target.Trainer;

    /// <summary>The finder's options: the sweep's settings, the row budget, the no-suggestion policy and the tuning step (a copy; changing it does not affect this estimator).</summary>
    public LrFinderTrainerOptions Options => options.Clone();

    /// <summary>
    /// The result of the last <see cref="Fit"/>'s sweep: curve, stop reason, suggestions, selected learning rate and warnings.
    /// Null before the first sweep completes. Set before the real fit starts, so it is available even when that fit fails.
    /// </summary>
    public LrFinderResult? LastResult { get; private set; }

    /// <summary>
    /// The learning rate the last <see cref="Fit"/> trained with: the selected suggestion, or the trainer's own when the sweep
    /// made no suggestion (<see cref="LrFinderNoSuggestionAction.KeepTrainerLearningRate"/>). Null before the first fit.
    /// </summary>
    public double? LastLearningRate { get; private set; }

    /// <summary>
    /// The tuning result of the last <see cref="Fit"/> when <see cref="LrFinderTrainerOptions.Tune"/> is set: every candidate
    /// with its held-out loss and the chosen one. Null before the first tuned fit, and when the sweep selected nothing.
    /// </summary>
    public LrTuneResult? LastTuneResult { get; private set; }

    /// <summary>
    /// Sweeps, selects a learning rate, and fits the trainer with it; with <see cref="LrFinderTrainerOptions.Tune"/> set, probes
    /// candidates around the selected rate first and fits with the one of lowest held-out loss (see docs/tuning.md).
    /// </summary>
    /// <param name="input">The training data, with the columns the trainer reads.</param>
    /// <returns>The trainer's own transformer, fitted with the selected learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A column is missing or has the wrong type, the data is empty or smaller than one batch, or a classification label has
    /// one class; or, when tuning, the held-out data cannot score the trainer (parameter <c>validationData</c>). The message names
    /// the column or option; nothing has been trained.
    /// </exception>
    /// <exception cref="NotSupportedException">
    /// The loaded Microsoft.ML.TorchSharp lacks a member the hook needs (tested: 0.23.1 and 0.24.0), or
    /// <see cref="LrFinderTrainerOptions.Tune"/> is set for a NAS-BERT trainer whose options set a <c>TaskType</c> the tuning
    /// step has no held-out loss for.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// No suggestion and <see cref="LrFinderTrainerOptions.WhenNoSuggestion"/> is <see cref="LrFinderNoSuggestionAction.Throw"/>.
    /// </exception>
    /// <exception cref="OperationCanceledException"><c>MLContext.CancelExecution()</c> was called.</exception>
    public TTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (target.Trainer)
        {
            using var quietConvolutions = LibTorchNnpack.Disable();
            var tunePlan = options.Tune is { } planOptions ? TrainerTuner.Prepare(target, input, validationData: null, planOptions) : default;
            var result = TrainerLrFinder.Find(target, input, options, progress, CancellationToken.None);
            LastResult = result;
            (result, double learningRate) = TrainerLrFinder.Select(target, result, options);
            LastResult = result;
            LastTuneResult = null;
            if (options.Tune is { } tuneOptions && result.SelectedLearningRate is not null)
            {
                LastTuneResult = TrainerTuner.Run(target, tunePlan, result, tuneOptions, progress: null, CancellationToken.None);
                learningRate = LastTuneResult.LearningRate ?? learningRate;
            }

            LastLearningRate = learningRate;
            return target.FitWithLearningRate(input, learningRate);
        }
    }

    /// <summary>The trainer's output schema: the finder adds no column.</summary>
    /// <param name="inputSchema">The schema of the training data.</param>
    /// <returns>What the trainer's transformer outputs.</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => target.Trainer.GetOutputSchema(inputSchema);
}
