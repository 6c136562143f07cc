using Microsoft.ML.LrFinder;
using Microsoft.ML.LrFinder.Trainers;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using Microsoft.ML.TorchSharp.NasBert;
using Microsoft.ML.TorchSharp.Roberta;

namespace Microsoft.ML;

/// <summary>
/// The LR finder's entry points on ML.NET: <c>mlContext.LrFinder()</c> for analysis, and <c>WithLrFinder()</c> on the
/// TorchSharp trainer estimators the catalog returns, to fit with the learning rate the finder selects.
/// </summary>
/// <example>
/// <code>
/// var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(options)
///                        .WithLrFinder(new LrFinderOptions { NumberOfIterations = 100 });
/// var model = featurizers.Append(trainer).Fit(train);   // sweep, select, feed back, real fit
/// LrFinderResult result = trainer.LastResult!;
/// </code>
/// </example>
public static class LrFinderExtensions
{
    /// <summary>The LR finder catalog of an ML.NET context: <c>Find</c> for each TorchSharp trainer.</summary>
    /// <param name="mlContext">The context whose log, cancellation, device and temp-path settings the sweeps use.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/> is null.</exception>
    public static LrFinderCatalog LrFinder(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new LrFinderCatalog(mlContext);
    }

    /// <summary>
    /// Puts a learning-rate finder in front of a TextClassification trainer. Its <c>Fit</c> sweeps the trainer's own training
    /// step and fits it with <c>LearningRate = [selected]</c>, the peak learning rate of the trainer's one-cycle schedule.
    /// </summary>
    /// <param name="trainer">The trainer, as <c>mlContext.MulticlassClassification.Trainers.TextClassification(...)</c> returns it.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>. Copied.</param>
    /// <param name="trainerOptions">Row budget and the no-suggestion policy; default null: every row, keep the trainer's rate. Copied.</param>
    /// <returns>An estimator that fits the trainer with the selected learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public static LrFinderEstimator<TorchSharpBaseTransformer> WithLrFinder(
        this TextClassificationTrainer trainer, LrFinderOptions? options = null, LrFinderTrainerOptions? trainerOptions = null) =>
        Create(trainer, TrainerSweeps.For, options, trainerOptions);

    /// <summary>
    /// Puts a learning-rate finder in front of a SentenceSimilarity trainer. Its <c>Fit</c> sweeps the trainer's own training
    /// step and fits it with <c>LearningRate = [selected]</c>, the peak learning rate of the trainer's one-cycle schedule.
    /// </summary>
    /// <param name="trainer">The trainer, as <c>mlContext.Regression.Trainers.SentenceSimilarity(...)</c> returns it.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>. Copied.</param>
    /// <param name="trainerOptions">Row budget and the no-suggestion policy; default null: every row, keep the trainer's rate. Copied.</param>
    /// <returns>An estimator that fits the trainer with the selected learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public static LrFinderEstimator<TorchSharpBaseTransformer> WithLrFinder(
        this SentenceSimilarityTrainer trainer, LrFinderOptions? options = null, LrFinderTrainerOptions? trainerOptions = null) =>
        Create(trainer, TrainerSweeps.For, options, trainerOptions);

    /// <summary>
    /// Puts a learning-rate finder in front of a NamedEntityRecognition trainer. Its <c>Fit</c> sweeps the trainer's own training
    /// step and fits it with <c>LearningRate = [selected]</c>, the peak learning rate of the trainer's one-cycle schedule.
    /// </summary>
    /// <param name="trainer">The trainer, as <c>mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(...)</c> returns it.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>. Copied.</param>
    /// <param name="trainerOptions">Row budget and the no-suggestion policy; default null: every row, keep the trainer's rate. Copied.</param>
    /// <returns>An estimator that fits the trainer with the selected learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public static LrFinderEstimator<TorchSharpBaseTransformer> WithLrFinder(
        this NerTrainer trainer, LrFinderOptions? options = null, LrFinderTrainerOptions? trainerOptions = null) =>
        Create(trainer, TrainerSweeps.For, options, trainerOptions);

    /// <summary>
    /// Puts a learning-rate finder in front of an ObjectDetection trainer. Its <c>Fit</c> sweeps the trainer's own training step
    /// (SGD, one image per step) and fits it with <c>InitLearningRate = selected</c>, the learning rate before the trainer's
    /// step decays.
    /// </summary>
    /// <param name="trainer">The trainer, as <c>mlContext.MulticlassClassification.Trainers.ObjectDetection(...)</c> returns it.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>. Copied.</param>
    /// <param name="trainerOptions">Row budget and the no-suggestion policy; default null: every row, keep the trainer's rate. Copied.</param>
    /// <returns>An estimator that fits the trainer with the selected learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public static LrFinderEstimator<ObjectDetectionTransformer> WithLrFinder(
        this ObjectDetectionTrainer trainer, LrFinderOptions? options = null, LrFinderTrainerOptions? trainerOptions = null) =>
        Create(trainer, TrainerSweeps.For, options, trainerOptions);

    /// <summary>
    /// Puts a learning-rate finder in front of a QuestionAnswer trainer. Its <c>Fit</c> sweeps the trainer's own training step
    /// and fits it with <c>LearningRate = [selected]</c>, the peak learning rate of the trainer's one-cycle schedule.
    /// </summary>
    /// <param name="trainer">The trainer, as <c>mlContext.MulticlassClassification.Trainers.QuestionAnswer(...)</c> returns it.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>. Copied.</param>
    /// <param name="trainerOptions">Row budget and the no-suggestion policy; default null: every row, keep the trainer's rate. Copied.</param>
    /// <returns>An estimator that fits the trainer with the selected learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public static LrFinderEstimator<QATransformer> WithLrFinder(
        this QATrainer trainer, LrFinderOptions? options = null, LrFinderTrainerOptions? trainerOptions = null) =>
        Create(trainer, TrainerSweeps.For, options, trainerOptions);

    /// <summary>
    /// Puts a learning-rate finder in front of a trainer held under a general estimator type. The estimator must be one of the
    /// TorchSharp trainers above; anything else is rejected.
    /// </summary>
    /// <typeparam name="TTransformer">The estimator's transformer type.</typeparam>
    /// <param name="estimator">A TextClassification, SentenceSimilarity, NamedEntityRecognition, ObjectDetection or QuestionAnswer trainer.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>. Copied.</param>
    /// <param name="trainerOptions">Row budget and the no-suggestion policy; default null: every row, keep the trainer's rate. Copied.</param>
    /// <returns>An estimator that fits the trainer with the selected learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="estimator"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="estimator"/> is not a supported TorchSharp trainer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public static LrFinderEstimator<TTransformer> WithLrFinder<TTransformer>(
        this IEstimator<TTransformer> estimator, LrFinderOptions? options = null, LrFinderTrainerOptions? trainerOptions = null)
        where TTransformer : class, ITransformer =>
        Create(TrainerSweeps.For(estimator, nameof(estimator)), options, trainerOptions);

    // The trainer is checked here for every typed overload; the general one has TrainerSweeps check and name its estimator.
    private static LrFinderEstimator<TTransformer> Create<TTrainer, TTransformer>(
        TTrainer trainer, Func<TTrainer, ITrainerSweep<TTransformer>> sweepFor, LrFinderOptions? options, LrFinderTrainerOptions? trainerOptions)
        where TTrainer : class
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(trainer);
        return Create(sweepFor(trainer), options, trainerOptions);
    }

    private static LrFinderEstimator<TTransformer> Create<TTransformer>(
        ITrainerSweep<TTransformer> target, LrFinderOptions? options, LrFinderTrainerOptions? trainerOptions)
        where TTransformer : class, ITransformer
    {
        var sweepOptions = options?.Clone() ?? new LrFinderOptions();
        var readOptions = trainerOptions?.Clone() ?? new LrFinderTrainerOptions();
        sweepOptions.Validate();
        readOptions.Validate();
        return new LrFinderEstimator<TTransformer>(target, sweepOptions, readOptions);
    }
}
