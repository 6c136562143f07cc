using System.Reflection;
using Microsoft.ML.TorchSharp.AutoFormerV2;
using Microsoft.ML.TorchSharp.NasBert;
using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>
/// <c>--random-init</c>: writes a random-weight stand-in for the pretrained file a trainer downloads, built by the trainer's own
/// model class so that it loads exactly as the real file would. For trying the tool without a download only: a sweep on random
/// weights says nothing about the learning rate of the real model.
/// </summary>
/// <remarks>
/// The model classes of Microsoft.ML.TorchSharp 0.23.1 this touches (all by reflection except AutoFormerV2, which is public):
/// <c>Microsoft.ML.TorchSharp.NasBert.Models.ModelForPrediction</c> and <c>NerModel</c>, ctor (NasBertOptions, padIndex,
/// symbolsCount, classes), <c>GetEncoder()</c>; <c>RobertaModelForQA</c> (global namespace), ctor (QATrainer.Options),
/// <c>GetEncoder()</c>; <c>Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions.GetInstance(IChannel)</c> for the
/// tokenizer's pad index and vocabulary size. The trainers load NAS-BERT and RoBERTa encoders with <c>strict: true</c> and the
/// AutoFormerV2 detector with <c>strict: false</c> (the class-count-dependent head stays out of the file).
/// </remarks>
internal static class RandomEncoderWeights
{
    /// <summary>Writes the file a trainer family loads.</summary>
    /// <param name="family">Which pretrained model.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="seed">The torch seed, so two runs write the same weights.</param>
    public static void Write(PretrainedModel family, string path, int seed)
    {
        random.manual_seed(seed);
        switch (family)
        {
            case PretrainedModel.NasBert:
                SaveNasBertEncoder("Microsoft.ML.TorchSharp.NasBert.Models.ModelForPrediction", new TextClassificationTrainer.TextClassificationOptions(), path);
                break;
            case PretrainedModel.NerNasBert:
                SaveNasBertEncoder("Microsoft.ML.TorchSharp.NasBert.Models.NerModel", new NerTrainer.NerOptions(), path);
                break;
            case PretrainedModel.Roberta:
                using (var model = Create("RobertaModelForQA", new QATrainer.Options()))
                {
                    Encoder(model).save(path);
                }

                break;
            case PretrainedModel.AutoFormer:
                // ObjectDetectionTrainer builds AutoFormerV2(classes, [64,128,256,448], [2,2,6,2], [2,4,8,14]).
                using (var detector = new AutoFormerV2(1, [64, 128, 256, 448], [2, 2, 6, 2], [2, 4, 8, 14]))
                {
                    var classDependent = detector.state_dict().Keys.Where(k => k.Contains(".retina_cls.", StringComparison.Ordinal)).ToList();
                    detector.save(path, classDependent);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, "unknown pretrained model.");
        }
    }

    private static void SaveNasBertEncoder(string typeName, NasBertTrainer.NasBertOptions options, string path)
    {
        var tokenizerType = TorchSharpType("Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions");
        var getInstance = tokenizerType.GetMethod("GetInstance", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new NotSupportedException(Unsupported("TokenizerExtensions.GetInstance"));
        var tokenizer = (Microsoft.ML.Tokenizers.EnglishRobertaTokenizer)getInstance.Invoke(null, [null])!;
        using var model = Create(typeName, options, tokenizer.PadIndex, tokenizer.SymbolsCount, 2);
        Encoder(model).save(path);
    }

    private static nn.Module Create(string typeName, params object[] arguments) =>
        (nn.Module)Activator.CreateInstance(
            TorchSharpType(typeName), BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, binder: null, arguments, culture: null)!;

    private static nn.Module Encoder(nn.Module model)
    {
        var getEncoder = model.GetType().GetMethod("GetEncoder", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new NotSupportedException(Unsupported(model.GetType().Name + ".GetEncoder"));
        return (nn.Module)getEncoder.Invoke(model, null)!;
    }

    private static Type TorchSharpType(string fullName) =>
        typeof(TextClassificationTrainer).Assembly.GetType(fullName) ?? throw new NotSupportedException(Unsupported(fullName));

    private static string Unsupported(string member) =>
        $"--random-init needs {member} of Microsoft.ML.TorchSharp 0.23.1; the loaded version does not have it.";
}
