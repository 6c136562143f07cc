using System.Reflection;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// A random-weight NAS-BERT encoder in the place ML.NET's TextClassification trainer loads its pretrained one from
/// (<c>&lt;MLContext.TempFilePath&gt;/mlnet/NasBert2000000.tsm</c>), because these machines cannot download it (docs/architecture.md, "Facts the hook relies on"). The file
/// is written by the trainer's own model class, so the trainer's strict load accepts it; the task is therefore "fine-tune a
/// randomly initialised encoder", and its regret measures the finder, not the pretrained weights.
/// </summary>
internal static class NasBertWeights
{
    public const string FileName = "NasBert2000000.tsm";
    private const long GenerationSeed = 2026;

    /// <summary>Writes the file under <paramref name="tempFilePath"/>/mlnet unless it exists; returns the encoder's parameter count (0 when it existed).</summary>
    public static long Ensure(string tempFilePath)
    {
        string folder = Path.Combine(tempFilePath, "mlnet");
        string path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            return 0;
        }

        Directory.CreateDirectory(folder);
        using var callerState = random.get_rng_state();
        random.manual_seed(GenerationSeed);
        try
        {
            var assembly = typeof(TextClassificationTrainer).Assembly;
            var tokenizerFactory = assembly.GetType("Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions", throwOnError: true)!
                .GetMethod("GetInstance", BindingFlags.NonPublic | BindingFlags.Static)
                ?? throw new MissingMethodException("TokenizerExtensions", "GetInstance");
            var tokenizer = (EnglishRobertaTokenizer)tokenizerFactory.Invoke(null, [null])!;
            var modelType = assembly.GetType("Microsoft.ML.TorchSharp.NasBert.Models.ModelForPrediction", throwOnError: true)!;
            using var model = (nn.Module)Activator.CreateInstance(
                modelType, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, binder: null,
                [new TextClassificationTrainer.TextClassificationOptions(), tokenizer.PadIndex, tokenizer.SymbolsCount, 2], culture: null)!;
            var encoder = (nn.Module)(modelType.GetMethod("GetEncoder", BindingFlags.Public | BindingFlags.Instance)
                ?? throw new MissingMethodException(modelType.FullName, "GetEncoder")).Invoke(model, null)!;
            // Written beside and moved, so that a run stopped half-way never leaves a truncated file that a later run would trust.
            string partial = path + ".partial";
            encoder.save(partial);
            File.Move(partial, path, overwrite: true);
            return encoder.parameters().Sum(p => p.numel());
        }
        finally
        {
            random.set_rng_state(callerState);
        }
    }
}
