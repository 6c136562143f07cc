using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using Microsoft.ML.Tokenizers;

namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>
/// Labelled texts as a benchmark <see cref="Dataset"/> for <see cref="MiniLmClassifier"/>: each row is the text's WordPiece ids
/// (<c>[CLS]</c> … <c>[SEP]</c>, cut to the row's length) as floats, padded at the end with <see cref="BertShape.PaddingTokenId"/>.
/// Ids below 2^24 are exact in a float, and the vocabulary has 30,522.
/// </summary>
internal static class TokenizedText
{
    public static Dataset Create(string name, IReadOnlyList<string> texts, int[] labels, int classCount, BertTokenizer tokenizer, int sequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequenceLength, 3);
        var rows = texts.Select(text => Row(tokenizer, text, sequenceLength)).ToArray();
        return new Dataset(name, rows, labels, null, classCount);
    }

    private static float[] Row(BertTokenizer tokenizer, string text, int sequenceLength)
    {
        var ids = tokenizer.EncodeToIds(text, sequenceLength, out _, out _);
        var row = new float[sequenceLength];
        for (int i = 0; i < ids.Count; i++)
        {
            row[i] = ids[i];
        }

        return row;
    }
}
