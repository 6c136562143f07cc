using System.Diagnostics;
using System.Reflection;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using Microsoft.ML.TorchSharp.NasBert;
using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>
/// Random-weight stand-ins for the pretrained files Microsoft.ML.TorchSharp 0.23.1 downloads at run time (this machine is
/// offline). Each file is written by the trainer's own model class, exactly as the trainer would build it, and saved the way the
/// trainer loads it (docs/architecture.md, "Facts the hook relies on"): NAS-BERT and RoBERTa save only the encoder (the trainers call
/// <c>GetEncoder().load(path, strict: true)</c>); AutoFormerV2 saves the whole detector except the class-count-dependent
/// classification conv (the trainer calls <c>load(path, strict: false)</c>). Files go under the run's folder, once per run, on
/// first use; generation seeds torch and then restores the caller's RNG state so that a test's random stream does not depend on
/// whether it was the first to ask for a file.
/// </summary>
internal static class PretrainedWeights
{
    /// <summary>The torch seed every file is generated with.</summary>
    public const long GenerationSeed = 20_26_11_28;

    private const string TorchSharpAssembly = "Microsoft.ML.TorchSharp";

    private static readonly Dictionary<PretrainedModel, Lazy<WeightFile>> Files = Enum.GetValues<PretrainedModel>()
        .ToDictionary(m => m, m => new Lazy<WeightFile>(() => Generate(m), LazyThreadSafetyMode.ExecutionAndPublication));

    /// <summary>The folder ML.NET looks in: <c>&lt;TempFilePath&gt;/mlnet</c>.</summary>
    public static string MlNetFolder => Path.Combine(TestRunFolder.Path, "mlnet");

    /// <summary>The file name each trainer loads (the last segment of its model URL in the decompiled trainers).</summary>
    public static string FileName(PretrainedModel model) => model switch
    {
        PretrainedModel.NasBert => "NasBert2000000.tsm",
        PretrainedModel.NerNasBert => "pretrained_NasBert_14M_encoder.tsm",
        PretrainedModel.AutoFormer => "autoformer_11m_torchsharp.bin",
        PretrainedModel.Roberta => "pretrained_Roberta_encoder.tsm",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model."),
    };

    /// <summary>Generates the file on first call in this run and returns it.</summary>
    public static WeightFile Ensure(PretrainedModel model) => Files[model].Value;

    /// <summary>
    /// An MLContext whose <c>TempFilePath</c> is the run's folder, with the given weight files present. Trainers copy
    /// <c>TempFilePath</c> when the catalog creates them, so create trainers from this context only.
    /// </summary>
    public static MLContext CreateContext(int seed, params PretrainedModel[] models)
    {
        foreach (var model in models)
        {
            Ensure(model);
        }

        return new MLContext(seed) { TempFilePath = TestRunFolder.Path };
    }

    private static WeightFile Generate(PretrainedModel model)
    {
        Directory.CreateDirectory(MlNetFolder);
        string path = Path.Combine(MlNetFolder, FileName(model));
        var stopwatch = Stopwatch.StartNew();
        using var callerState = random.get_rng_state();
        random.manual_seed(GenerationSeed);
        long parameters;
        try
        {
            parameters = model switch
            {
                PretrainedModel.NasBert => SaveNasBertEncoder(
                    "Microsoft.ML.TorchSharp.NasBert.Models.ModelForPrediction", new TextClassificationTrainer.TextClassificationOptions(), path),
                PretrainedModel.NerNasBert => SaveNasBertEncoder(
                    "Microsoft.ML.TorchSharp.NasBert.Models.NerModel", new NerTrainer.NerOptions(), path),
                PretrainedModel.AutoFormer => SaveAutoFormer(path),
                PretrainedModel.Roberta => SaveRobertaEncoder(path),
                _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model."),
            };
        }
        finally
        {
            random.set_rng_state(callerState);
        }

        stopwatch.Stop();
        var file = new WeightFile(model, path, new FileInfo(path).Length, parameters, stopwatch.Elapsed);
        TestContext.Progress.WriteLine(
            FormattableString.Invariant($"[fixture] {FileName(model)}: {file.Parameters:N0} parameters, {file.Bytes / 1e6:F1} MB, {file.GenerationTime.TotalSeconds:F1} s"));
        return file;
    }

    // NasBertTrainerBase.CreateModule: new ModelForPrediction/NerModel(options, tokenizer.PadIndex, tokenizer.SymbolsCount, classes),
    // then GetEncoder().load(path, strict: true). The head is not in the file, so the class count here is irrelevant.
    private static long SaveNasBertEncoder(string modelTypeName, NasBertTrainer.NasBertOptions options, string path)
    {
        var tokenizer = RobertaTokenizer();
        var type = InternalType(modelTypeName);
        using var modelInstance = (nn.Module)Activator.CreateInstance(
            type, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, binder: null,
            [options, tokenizer.PadIndex, tokenizer.SymbolsCount, 2], culture: null)!;
        return SaveEncoder(modelInstance, path);
    }

    // QATrainer.Trainer: new RobertaModelForQA(options), then GetEncoder().load(path, strict: true).
    private static long SaveRobertaEncoder(string path)
    {
        var type = InternalType("RobertaModelForQA");
        using var modelInstance = (nn.Module)Activator.CreateInstance(
            type, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, binder: null,
            [new QATrainer.Options()], culture: null)!;
        return SaveEncoder(modelInstance, path);
    }

    // ObjectDetectionTrainer.Trainer: new AutoFormerV2(classes, [64,128,256,448], [2,2,6,2], [2,4,8,14]) then load(path, strict: false).
    // The classification conv's shape depends on the class count, so it stays out of the file and keeps its fresh init.
    private static long SaveAutoFormer(string path)
    {
        using var detector = new AutoFormerV2(1, [64, 128, 256, 448], [2, 2, 6, 2], [2, 4, 8, 14]);
        var classDependent = detector.state_dict().Keys.Where(k => k.Contains(".retina_cls.", StringComparison.Ordinal)).ToList();
        detector.save(path, classDependent);
        return detector.named_parameters().Where(p => !classDependent.Contains(p.name)).Sum(p => p.parameter.numel());
    }

    private static long SaveEncoder(nn.Module model, string path)
    {
        var getEncoder = model.GetType().GetMethod("GetEncoder", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new MissingMethodException(model.GetType().FullName, "GetEncoder");
        var encoder = (nn.Module)getEncoder.Invoke(model, null)!;
        encoder.save(path);
        return encoder.parameters().Sum(p => p.numel());
    }

    private static EnglishRobertaTokenizer RobertaTokenizer()
    {
        var extensions = InternalType("Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions");
        var getInstance = extensions.GetMethod("GetInstance", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(extensions.FullName, "GetInstance");
        return (EnglishRobertaTokenizer)getInstance.Invoke(null, [null])!;
    }

    private static Type InternalType(string fullName) =>
        typeof(TextClassificationTrainer).Assembly.GetType(fullName, throwOnError: true)!
        ?? throw new TypeLoadException($"{fullName} is not in {TorchSharpAssembly}.");
}
