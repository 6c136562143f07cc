using Microsoft.ML.Data;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// NamedEntityRecognition: cross-entropy of logits [B, T, tags + 1] against per-token targets [B, T], where every row is a
/// leading 0 (the start token) followed by one tag per token, padded with 0 to T; padding and the start token count, as in the
/// trainer (NerTrainer 0.23.1: AddToTargets, CreateTargetsTensor, and RunModelAndBackPropagate's view(-1)).
/// </summary>
internal sealed class TokenClassificationBatchLoss : NasBertBatchLoss
{
    /// <summary>RoBERTa's BPE marks a token that starts a new word with this character.</summary>
    private const char WordStart = 'Ġ';

    private readonly long[][] targets;

    private TokenClassificationBatchLoss(long[][] targets, nn.Reduction reduction)
        : base(reduction)
    {
        this.targets = targets;
    }

    public static TokenClassificationBatchLoss ReadRows(IDataView data, NasBertTrainer.NasBertOptions options, Tokenizer tokenizer, nn.Reduction reduction)
    {
        var rows = new List<long[]>();
        var sentence = data.Schema[options.Sentence1ColumnName];
        var label = data.Schema[options.LabelColumnName];
        using var cursor = data.GetRowCursor([sentence, label]);
        var getSentence = cursor.GetGetter<ReadOnlyMemory<char>>(sentence);
        var getLabel = cursor.GetGetter<VBuffer<uint>>(label);
        ReadOnlyMemory<char> text = default;
        VBuffer<uint> tags = default;
        while (cursor.MoveNext())
        {
            getSentence(ref text);
            getLabel(ref tags);
            rows.Add(TokenTargets(tokenizer, text.ToString(), tags.DenseValues().ToArray()));
        }

        return new TokenClassificationBatchLoss(rows.ToArray(), reduction);
    }

    /// <summary>
    /// One row's targets: 0, then one tag per token. When the label has one tag per token it is used as is; otherwise it holds
    /// one tag per word and a token takes the tag of the word it belongs to: the word counter moves on at every token that
    /// starts with <see cref="WordStart"/>, and a word beyond the label's end gets 0 (NerTrainer.PrepareRowTensor's rule).
    /// </summary>
    internal static long[] TokenTargets(Tokenizer tokenizer, string sentence, uint[] wordTags)
    {
        var tokens = tokenizer.EncodeToTokens(sentence, out _, considerPreTokenization: true, considerNormalization: true);
        var row = new long[tokens.Count + 1];
        if (wordTags.Length == tokens.Count)
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                row[i + 1] = wordTags[i];
            }

            return row;
        }

        // The trainer rewrites the label buffer in place when it is long enough (more tags than tokens), so later tokens can
        // read tags it has already overwritten; reading from the buffer being written reproduces its values exactly.
        var written = new uint[Math.Max(wordTags.Length, tokens.Count)];
        var read = wordTags.Length > tokens.Count ? written : wordTags;
        Array.Copy(wordTags, written, wordTags.Length);
        int word = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            string? value = tokens[i].Value;
            if (value is null || (value.Length > 0 && value[0] == WordStart))
            {
                word++;
            }

            written[i] = word < wordTags.Length ? read[word] : 0;
            row[i + 1] = written[i];
        }

        return row;
    }

    protected override Tensor ComputeCore(Tensor logits, int firstRow)
    {
        long batchSize = logits.shape[0];
        long length = logits.shape[1];
        var batch = new long[batchSize * length];
        for (int b = 0; b < batchSize; b++)
        {
            var row = targets[firstRow + b];
            Array.Copy(row, 0, batch, b * length, Math.Min(row.Length, length));
        }

        var target = tensor(batch, [batchSize * length], device: logits.device);
        return nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), target, reduction: Reduction);
    }
}
