namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>The pretrained files Microsoft.ML.TorchSharp 0.23.1 downloads, by the trainers that load them.</summary>
internal enum PretrainedModel
{
    /// <summary><c>NasBert2000000.tsm</c>: text classification and sentence similarity.</summary>
    NasBert,

    /// <summary><c>pretrained_NasBert_14M_encoder.tsm</c>: named-entity recognition.</summary>
    NerNasBert,

    /// <summary><c>pretrained_Roberta_encoder.tsm</c>: question answering (~500 MB).</summary>
    Roberta,

    /// <summary><c>autoformer_11m_torchsharp.bin</c>: object detection.</summary>
    AutoFormer,
}
