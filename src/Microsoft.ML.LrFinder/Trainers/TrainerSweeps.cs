using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Trainers.NasBert;
using Microsoft.ML.LrFinder.Trainers.ObjectDetection;
using Microsoft.ML.LrFinder.Trainers.QuestionAnswer;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using Microsoft.ML.TorchSharp.NasBert;
using Microsoft.ML.TorchSharp.Roberta;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>The hook for each supported trainer estimator type.</summary>
internal static class TrainerSweeps
{
    /// <summary>The trainers the LR finder can hook, for messages.</summary>
    public const string Supported =
        "TextClassification, SentenceSimilarity, NamedEntityRecognition, QuestionAnswer and ObjectDetection (Microsoft.ML.TorchSharp)";

    public static ITrainerSweep<TorchSharpBaseTransformer> For(TextClassificationTrainer trainer) =>
        new NasBertTrainerSweep<uint, long>(trainer, "TextClassification");

    public static ITrainerSweep<TorchSharpBaseTransformer> For(SentenceSimilarityTrainer trainer) =>
        new NasBertTrainerSweep<float, float>(trainer, "SentenceSimilarity");

    public static ITrainerSweep<TorchSharpBaseTransformer> For(NerTrainer trainer) =>
        new NasBertTrainerSweep<VBuffer<uint>, VBuffer<long>>(trainer, "NamedEntityRecognition");

    public static ITrainerSweep<ObjectDetectionTransformer> For(ObjectDetectionTrainer trainer) => new ObjectDetectionTrainerSweep(trainer);

    public static ITrainerSweep<QATransformer> For(QATrainer trainer) => new QuestionAnswerTrainerSweep(trainer);

    /// <summary>
    /// The hook for an estimator of any static type; throws <see cref="ArgumentException"/> for unsupported ones. A family's hook
    /// is an <see cref="ITrainerSweep{TTransformer}"/> of every transformer type its trainer's <c>Fit</c> result converts to.
    /// </summary>
    public static ITrainerSweep<TTransformer> For<TTransformer>(IEstimator<TTransformer> estimator, string parameterName)
        where TTransformer : class, ITransformer =>
        estimator switch
        {
            TextClassificationTrainer trainer => (ITrainerSweep<TTransformer>)For(trainer),
            SentenceSimilarityTrainer trainer => (ITrainerSweep<TTransformer>)For(trainer),
            NerTrainer trainer => (ITrainerSweep<TTransformer>)For(trainer),
            ObjectDetectionTrainer trainer => (ITrainerSweep<TTransformer>)For(trainer),
            QATrainer trainer => (ITrainerSweep<TTransformer>)For(trainer),
            null => throw new ArgumentNullException(parameterName),
            _ => throw new ArgumentException(
                $"{estimator.GetType().Name} is not a trainer the LR finder can hook; it supports {Supported}.", parameterName),
        };
}
