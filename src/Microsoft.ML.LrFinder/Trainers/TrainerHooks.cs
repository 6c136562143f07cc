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
internal static class TrainerHooks
{
    /// <summary>The trainers the LR finder can hook, for messages.</summary>
    public const string Supported =
        "TextClassification, SentenceSimilarity, NamedEntityRecognition, QuestionAnswer and ObjectDetection (Microsoft.ML.TorchSharp)";

    public static ITrainerHook<TorchSharpBaseTransformer> For(TextClassificationTrainer trainer) =>
        new NasBertTrainerHook<uint, long>(trainer, "TextClassification");

    public static ITrainerHook<TorchSharpBaseTransformer> For(SentenceSimilarityTrainer trainer) =>
        new NasBertTrainerHook<float, float>(trainer, "SentenceSimilarity");

    public static ITrainerHook<TorchSharpBaseTransformer> For(NerTrainer trainer) =>
        new NasBertTrainerHook<VBuffer<uint>, VBuffer<long>>(trainer, "NamedEntityRecognition");

    public static ITrainerHook<ObjectDetectionTransformer> For(ObjectDetectionTrainer trainer) => new ObjectDetectionTrainerHook(trainer);

    public static ITrainerHook<QATransformer> For(QATrainer trainer) => new QuestionAnswerTrainerHook(trainer);

    /// <summary>
    /// The hook for an estimator of any static type; throws <see cref="ArgumentException"/> for unsupported ones. A family's hook
    /// is an <see cref="ITrainerHook{TTransformer}"/> of every transformer type its trainer's <c>Fit</c> result converts to.
    /// </summary>
    public static ITrainerHook<TTransformer> For<TTransformer>(IEstimator<TTransformer> estimator, string parameterName)
        where TTransformer : class, ITransformer =>
        estimator switch
        {
            TextClassificationTrainer trainer => (ITrainerHook<TTransformer>)For(trainer),
            SentenceSimilarityTrainer trainer => (ITrainerHook<TTransformer>)For(trainer),
            NerTrainer trainer => (ITrainerHook<TTransformer>)For(trainer),
            ObjectDetectionTrainer trainer => (ITrainerHook<TTransformer>)For(trainer),
            QATrainer trainer => (ITrainerHook<TTransformer>)For(trainer),
            null => throw new ArgumentNullException(parameterName),
            _ => throw new ArgumentException(
                $"{estimator.GetType().Name} is not a trainer the LR finder can hook; it supports {Supported}.", parameterName),
        };
}
