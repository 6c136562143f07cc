using Microsoft.ML.LrFinder;
using Microsoft.ML.LrFinder.Trainers;

namespace Microsoft.ML;

/// <summary>
/// The LR finder's entry points on ML.NET: <c>mlContext.LrFinder()</c> for analysis, and <c>WithLrFinder()</c> on the
/// TorchSharp trainer estimators the catalog returns, to fit with the learning rate the finder selects.
/// </summary>
/// <example>
/// <code>
/// var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(options)
///                        .WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 100 });
/// var model = featurizers.Append(trainer).Fit(train);   // sweep, select, feed back, real fit
/// LrFinderResult result = trainer.LastResult!;
/// </code>
/// </example>
public static class LrFinderExtensions
{
    /// <summary>The LR finder catalog of an ML.NET context: <c>Find</c> and <c>Tune</c> on a TorchSharp trainer, and the random trial weights.</summary>
    /// <param name="mlContext">The context whose <c>TempFilePath</c> <c>WriteRandomWeights</c> writes under (a sweep uses the context its trainer was created from).</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mlContext"/> is null.</exception>
    public static LrFinderCatalog LrFinder(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new LrFinderCatalog(mlContext);
    }

    /// <summary>
    /// Puts a learning-rate finder in front of a TorchSharp trainer. Its <c>Fit</c> sweeps the trainer's own training step,
    /// selects a learning rate and fits the trainer with it, through the trainer's public <c>Fit</c>:
    /// <list type="table">
    /// <listheader><term>trainer (ML.NET catalog)</term><description>where the selected rate goes</description></listheader>
    /// <item><term><c>MulticlassClassification.Trainers.TextClassification</c></term><description><c>LearningRate = [selected]</c>, the peak of the trainer's one-cycle schedule</description></item>
    /// <item><term><c>Regression.Trainers.SentenceSimilarity</c></term><description><c>LearningRate = [selected]</c>, the peak of the one-cycle schedule</description></item>
    /// <item><term><c>MulticlassClassification.Trainers.NamedEntityRecognition</c></term><description><c>LearningRate = [selected]</c>, the peak of the one-cycle schedule</description></item>
    /// <item><term><c>MulticlassClassification.Trainers.QuestionAnswer</c></term><description><c>LearningRate = [selected]</c>, the peak of the one-cycle schedule</description></item>
    /// <item><term><c>MulticlassClassification.Trainers.ObjectDetection</c></term><description><c>InitLearningRate = selected</c>, the rate before the trainer's step decay (its sweep is SGD, one image per step)</description></item>
    /// </list>
    /// Any other estimator is rejected with an <see cref="ArgumentException"/>. The trainer may be held under any estimator
    /// type (<c>IEstimator&lt;ITransformer&gt;</c> too); the finder fits what it would fit.
    /// </summary>
    /// <typeparam name="TTransformer">What the trainer's <c>Fit</c> returns; inferred from the trainer.</typeparam>
    /// <param name="trainer">The trainer, as the ML.NET catalog returns it, e.g. <c>mlContext.MulticlassClassification.Trainers.TextClassification(options)</c>.</param>
    /// <param name="options">
    /// The sweep's settings, its row budget, the no-suggestion policy and the tuning step (every trainer family); default null:
    /// <see cref="LrFinderDefaults"/>, every row, keep the trainer's rate, no tuning. Copied.
    /// </param>
    /// <param name="progress">
    /// Receives one report per sweep batch of every <c>Fit</c>, synchronously on the training thread (keep it cheap; an
    /// exception it throws ends the sweep); default null. The real fit reports through <c>MLContext.Log</c> only, as the
    /// trainer does. There is no cancellation token: <c>IEstimator.Fit</c> takes none, and <c>MLContext.CancelExecution()</c>
    /// stops the sweep and the fit, as it stops the trainer.
    /// </param>
    /// <returns>An estimator that fits the trainer with the selected learning rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trainer"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="trainer"/> is not one of the five TorchSharp trainers (the message names its type).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the exception names it).</exception>
    public static LrFinderEstimator<TTransformer> WithLrFinder<TTransformer>(
        this IEstimator<TTransformer> trainer, LrFinderTrainerOptions? options = null, IProgress<LrFinderProgress>? progress = null)
        where TTransformer : class, ITransformer
    {
        var target = TrainerHooks.For(trainer, nameof(trainer));
        var settings = options?.Clone() ?? new LrFinderTrainerOptions();
        settings.Validate();
        return new LrFinderEstimator<TTransformer>(target, settings, progress);
    }
}
