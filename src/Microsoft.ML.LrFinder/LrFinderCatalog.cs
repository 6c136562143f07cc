using Microsoft.ML.LrFinder.Trainers;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using Microsoft.ML.TorchSharp.NasBert;
using Microsoft.ML.TorchSharp.Roberta;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Learning-rate sweeps as an analysis step, without a fit: for auto-tuning code that wants the curve and the suggestions.
/// Get it with <c>mlContext.LrFinder()</c>. Each <c>Find</c> builds the trainer the catalog would build from the options, sweeps
/// its own training step on a throwaway internal trainer, and returns the result; the options object is not modified and
/// torch's random generator is left as it was.
/// </summary>
public sealed partial class LrFinderCatalog
{
    private readonly MLContext mlContext;

    internal LrFinderCatalog(MLContext mlContext)
    {
        this.mlContext = mlContext;
    }

    /// <summary>Sweeps a TextClassification trainer with these options.</summary>
    /// <param name="options">The trainer options (as for <c>MulticlassClassification.Trainers.TextClassification(options)</c>); not modified.</param>
    /// <param name="data">The training data.</param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="trainerOptions">The row budget; default null: every row may be read.</param>
    /// <param name="cancellationToken">
    /// Ends the sweep at the next step with <see cref="LrFinderStopReason.Cancelled"/> and returns the curve so far (no exception).
    /// <c>MLContext.CancelExecution()</c> also stops it, with an <see cref="OperationCanceledException"/>, as it stops the trainer.
    /// </param>
    /// <returns>The curve, the suggestions and the selected learning rate (the one to put in <c>LearningRate = [lr]</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the trainer (the message names the column or option).</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    public LrFinderResult Find(
        TextClassificationTrainer.TextClassificationOptions options, IDataView data, LrFinderOptions? finderOptions = null, LrFinderTrainerOptions? trainerOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Find(TrainerSweeps.For(mlContext.MulticlassClassification.Trainers.TextClassification(options)), data, finderOptions, trainerOptions, cancellationToken);
    }

    /// <summary>Sweeps a SentenceSimilarity trainer with these options.</summary>
    /// <param name="options">The trainer options (as for <c>Regression.Trainers.SentenceSimilarity(options)</c>); not modified.</param>
    /// <param name="data">The training data.</param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="trainerOptions">The row budget; default null: every row may be read.</param>
    /// <param name="cancellationToken">
    /// Ends the sweep at the next step with <see cref="LrFinderStopReason.Cancelled"/> and returns the curve so far (no exception).
    /// <c>MLContext.CancelExecution()</c> also stops it, with an <see cref="OperationCanceledException"/>, as it stops the trainer.
    /// </param>
    /// <returns>The curve, the suggestions and the selected learning rate (the one to put in <c>LearningRate = [lr]</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the trainer (the message names the column or option).</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    public LrFinderResult Find(
        SentenceSimilarityTrainer.SentenceSimilarityOptions options, IDataView data, LrFinderOptions? finderOptions = null, LrFinderTrainerOptions? trainerOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Find(TrainerSweeps.For(mlContext.Regression.Trainers.SentenceSimilarity(options)), data, finderOptions, trainerOptions, cancellationToken);
    }

    /// <summary>Sweeps a NamedEntityRecognition trainer with these options.</summary>
    /// <param name="options">The trainer options (as for <c>MulticlassClassification.Trainers.NamedEntityRecognition(options)</c>); not modified.</param>
    /// <param name="data">The training data.</param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="trainerOptions">The row budget; default null: every row may be read.</param>
    /// <param name="cancellationToken">
    /// Ends the sweep at the next step with <see cref="LrFinderStopReason.Cancelled"/> and returns the curve so far (no exception).
    /// <c>MLContext.CancelExecution()</c> also stops it, with an <see cref="OperationCanceledException"/>, as it stops the trainer.
    /// </param>
    /// <returns>The curve, the suggestions and the selected learning rate (the one to put in <c>LearningRate = [lr]</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the trainer (the message names the column or option).</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    public LrFinderResult Find(
        NerTrainer.NerOptions options, IDataView data, LrFinderOptions? finderOptions = null, LrFinderTrainerOptions? trainerOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Find(TrainerSweeps.For(mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(options)), data, finderOptions, trainerOptions, cancellationToken);
    }

    /// <summary>Sweeps an ObjectDetection trainer with these options.</summary>
    /// <param name="options">The trainer options (as for <c>MulticlassClassification.Trainers.ObjectDetection(options)</c>); not modified.</param>
    /// <param name="data">The training data.</param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="trainerOptions">The row budget; default null: every row may be read.</param>
    /// <param name="cancellationToken">
    /// Ends the sweep at the next step with <see cref="LrFinderStopReason.Cancelled"/> and returns the curve so far (no exception).
    /// <c>MLContext.CancelExecution()</c> also stops it, with an <see cref="OperationCanceledException"/>, as it stops the trainer.
    /// </param>
    /// <returns>The curve, the suggestions and the selected learning rate (the one to put in <c>InitLearningRate</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the trainer (the message names the column or option).</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    public LrFinderResult Find(
        ObjectDetectionTrainer.Options options, IDataView data, LrFinderOptions? finderOptions = null, LrFinderTrainerOptions? trainerOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Find(TrainerSweeps.For(mlContext.MulticlassClassification.Trainers.ObjectDetection(options)), data, finderOptions, trainerOptions, cancellationToken);
    }

    /// <summary>Sweeps a QuestionAnswer trainer with these options.</summary>
    /// <param name="options">The trainer options (as for <c>MulticlassClassification.Trainers.QuestionAnswer(options)</c>); not modified.</param>
    /// <param name="data">The training data.</param>
    /// <param name="finderOptions">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="trainerOptions">The row budget; default null: every row may be read.</param>
    /// <param name="cancellationToken">
    /// Ends the sweep at the next step with <see cref="LrFinderStopReason.Cancelled"/> and returns the curve so far (no exception).
    /// <c>MLContext.CancelExecution()</c> also stops it, with an <see cref="OperationCanceledException"/>, as it stops the trainer.
    /// </param>
    /// <returns>The curve, the suggestions and the selected learning rate (the one to put in <c>LearningRate = [lr]</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data does not fit the trainer (the message names the column or option).</exception>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML.TorchSharp is not the supported 0.23.1.</exception>
    public LrFinderResult Find(
        QATrainer.Options options, IDataView data, LrFinderOptions? finderOptions = null, LrFinderTrainerOptions? trainerOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Find(TrainerSweeps.For(mlContext.MulticlassClassification.Trainers.QuestionAnswer(options)), data, finderOptions, trainerOptions, cancellationToken);
    }

    private static LrFinderResult Find<TTransformer>(
        TrainerSweep<TTransformer> target, IDataView data, LrFinderOptions? finderOptions, LrFinderTrainerOptions? trainerOptions, CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(data);
        return TrainerLrFinder.Find(
            target, data, finderOptions?.Clone() ?? new LrFinderOptions(), trainerOptions?.Clone() ?? new LrFinderTrainerOptions(), cancellationToken);
    }
}
