using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Trainers.NasBert;
using Microsoft.ML.LrFinder.Trainers.ObjectDetection;
using Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// Random-weight stand-ins for the pretrained files Microsoft.ML.TorchSharp 0.23.1 downloads, written by each family's
/// <c>*Internals</c> (which builds the trainer's own model class behind the version guard) under the names the trainers look for.
/// </summary>
internal static class RandomTrialWeights
{
    /// <summary>The file a trainer loads: the last segment of its download address in 0.23.1.</summary>
    public static string FileName(TorchSharpTrainerKind trainer) => trainer switch
    {
        TorchSharpTrainerKind.TextClassification or TorchSharpTrainerKind.SentenceSimilarity => "NasBert2000000.tsm",
        TorchSharpTrainerKind.NamedEntityRecognition => "pretrained_NasBert_14M_encoder.tsm",
        TorchSharpTrainerKind.QuestionAnswer => "pretrained_Roberta_encoder.tsm",
        TorchSharpTrainerKind.ObjectDetection => "autoformer_11m_torchsharp.bin",
        _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "is not a TorchSharp trainer the LR finder knows."),
    };

    /// <summary>Writes the file for <paramref name="trainer"/> to <paramref name="path"/>; the caller seeds torch.</summary>
    public static void Write(TorchSharpTrainerKind trainer, string path)
    {
        switch (trainer)
        {
            case TorchSharpTrainerKind.TextClassification:
                NasBertInternals<uint, long>.Get(nameof(TorchSharpTrainerKind.TextClassification)).SaveRandomEncoder(namedEntityRecognition: false, path);
                break;
            case TorchSharpTrainerKind.SentenceSimilarity:
                NasBertInternals<float, float>.Get(nameof(TorchSharpTrainerKind.SentenceSimilarity)).SaveRandomEncoder(namedEntityRecognition: false, path);
                break;
            case TorchSharpTrainerKind.NamedEntityRecognition:
                NasBertInternals<VBuffer<uint>, VBuffer<long>>.Get(nameof(TorchSharpTrainerKind.NamedEntityRecognition))
                    .SaveRandomEncoder(namedEntityRecognition: true, path);
                break;
            case TorchSharpTrainerKind.QuestionAnswer:
                QuestionAnswerInternals.Get(QuestionAnswerInternals.TrainerName).SaveRandomEncoder(path);
                break;
            case TorchSharpTrainerKind.ObjectDetection:
                ObjectDetectionInternals.Get(ObjectDetectionInternals.TrainerName);
                ObjectDetectionInternals.SaveRandomDetector(path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "is not a TorchSharp trainer the LR finder knows.");
        }
    }
}
