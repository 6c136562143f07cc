namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>The pretrained weight files Microsoft.ML.TorchSharp 0.23.1 downloads, by the trainers that load them.</summary>
public enum PretrainedModel
{
    /// <summary><c>NasBert2000000.tsm</c>: the NAS-BERT encoder of TextClassification and SentenceSimilarity.</summary>
    NasBert,

    /// <summary><c>pretrained_NasBert_14M_encoder.tsm</c>: the larger NAS-BERT encoder of NamedEntityRecognition.</summary>
    NerNasBert,

    /// <summary><c>autoformer_11m_torchsharp.bin</c>: the AutoFormerV2 detector of ObjectDetection.</summary>
    AutoFormer,

    /// <summary><c>pretrained_Roberta_encoder.tsm</c>: the RoBERTa-base encoder of QuestionAnswer (~500 MB).</summary>
    Roberta,
}
