namespace Microsoft.ML.LrFinder;

/// <summary>The ML.NET TorchSharp trainers the LR finder hooks, named as their catalog methods are.</summary>
public enum TorchSharpTrainerKind
{
    /// <summary><c>MulticlassClassification.Trainers.TextClassification</c>: NAS-BERT, pretrained file <c>NasBert2000000.tsm</c>.</summary>
    TextClassification,

    /// <summary><c>Regression.Trainers.SentenceSimilarity</c>: NAS-BERT, pretrained file <c>NasBert2000000.tsm</c>.</summary>
    SentenceSimilarity,

    /// <summary>
    /// <c>MulticlassClassification.Trainers.NamedEntityRecognition</c>: the larger NAS-BERT, pretrained file
    /// <c>pretrained_NasBert_14M_encoder.tsm</c>.
    /// </summary>
    NamedEntityRecognition,

    /// <summary><c>MulticlassClassification.Trainers.QuestionAnswer</c>: RoBERTa-base, pretrained file <c>pretrained_Roberta_encoder.tsm</c> (~500 MB).</summary>
    QuestionAnswer,

    /// <summary><c>MulticlassClassification.Trainers.ObjectDetection</c>: AutoFormerV2, pretrained file <c>autoformer_11m_torchsharp.bin</c>.</summary>
    ObjectDetection,
}
