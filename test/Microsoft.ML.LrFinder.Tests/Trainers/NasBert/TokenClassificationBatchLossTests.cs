using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Trainers.NasBert;
using Microsoft.ML.Tokenizers;

namespace Microsoft.ML.LrFinder.Tests.Trainers.NasBert;

/// <summary>
/// NamedEntityRecognition's per-token targets, on the rule read from NerTrainer.PrepareRowTensor and AddToTargets (0.23.1): a
/// leading 0 for the start token, then one tag per token; with one tag per word, a word's tokens share its tag.
/// </summary>
public class TokenClassificationBatchLossTests
{
    private static Tokenizer Tokenizer => TrainerTokenizer.Shared;

    [Test]
    public void One_tag_per_token_is_used_as_is_after_the_start_token()
    {
        // "Alice met Bob" is three tokens: Alice, Ġmet, ĠBob.
        var targets = TokenClassificationBatchLoss.TokenTargets(Tokenizer, "Alice met Bob", [2, 1, 2]);

        Assert.That(targets, Is.EqualTo(new long[] { 0, 2, 1, 2 }));
    }

    [Test]
    public void A_word_split_into_several_tokens_gives_each_token_its_tag()
    {
        var tokens = Tokenizer.EncodeToTokens("Heidi met Zarathustra", out _);
        Assume.That(tokens.Count, Is.GreaterThan(3), "the last name splits into several BPE tokens");

        var targets = TokenClassificationBatchLoss.TokenTargets(Tokenizer, "Heidi met Zarathustra", [2, 1, 3]);

        // Tokens up to the first one starting with 'Ġ' belong to word 0, then each 'Ġ' token opens the next word.
        var expected = new List<long> { 0 };
        int word = 0;
        foreach (var token in tokens)
        {
            word += token.Value.StartsWith('Ġ') ? 1 : 0;
            expected.Add(new long[] { 2, 1, 3 }[word]);
        }

        Assert.That(targets, Is.EqualTo(expected));
    }

    [Test]
    public void Words_beyond_the_label_get_tag_zero()
    {
        var targets = TokenClassificationBatchLoss.TokenTargets(Tokenizer, "Alice met Bob in Paris", [2, 1]);

        Assert.That(targets, Is.EqualTo(new long[] { 0, 2, 1, 0, 0, 0 }));
    }
}
