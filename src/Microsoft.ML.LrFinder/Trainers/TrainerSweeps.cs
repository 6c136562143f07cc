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

    public static TrainerSweep<TorchSharpBaseTransformer> For(TextClassificationTrainer trainer) =>
        new NasBertTrainerSweep<uint, long>(trainer, "TextClassification");

    public static TrainerSweep<TorchSharpBaseTransformer> For(SentenceSimilarityTrainer trainer) =>
        new NasBertTrainerSweep<float, float>(trainer, "SentenceSimilarity");

    public static TrainerSweep<TorchSharpBaseTransformer> For(NerTrainer trainer) =>
        new NasBertTrainerSweep<VBuffer<uint>, VBuffer<long>>(trainer, "NamedEntityRecognition");

    public static TrainerSweep<ObjectDetectionTransformer> For(ObjectDetectionTrainer trainer) => new ObjectDetectionTrainerSweep(trainer);

    public static TrainerSweep<QATransformer> For(QATrainer trainer) => new QuestionAnswerTrainerSweep(trainer);

    /// <summary>The hook for an estimator of any static type; throws <see cref="ArgumentException"/> for unsupported ones.</summary>
    public static TrainerSweep<TTransformer> For<TTransformer>(IEstimator<TTransformer> estimator, string parameterName)
        where TTransformer : class, ITransformer =>
        estimator switch
        {
            TextClassificationTrainer trainer => Cast<TTransformer, TorchSharpBaseTransformer>(For(trainer)),
            SentenceSimilarityTrainer trainer => Cast<TTransformer, TorchSharpBaseTransformer>(For(trainer)),
            NerTrainer trainer => Cast<TTransformer, TorchSharpBaseTransformer>(For(trainer)),
            ObjectDetectionTrainer trainer => Cast<TTransformer, ObjectDetectionTransformer>(For(trainer)),
            QATrainer trainer => Cast<TTransformer, QATransformer>(For(trainer)),
            null => throw new ArgumentNullException(parameterName),
            _ => throw new ArgumentException(
                $"{estimator.GetType().Name} is not a trainer the LR finder can hook; it supports {Supported}.", parameterName),
        };

    private static TrainerSweep<TBase> Cast<TBase, TDerived>(TrainerSweep<TDerived> sweep)
        where TBase : class, ITransformer
        where TDerived : class, ITransformer =>
        sweep as TrainerSweep<TBase> ?? (TrainerSweep<TBase>)Activator.CreateInstance(
            typeof(CovariantTrainerSweep<,>).MakeGenericType(typeof(TBase), typeof(TDerived)), sweep)!;
}
