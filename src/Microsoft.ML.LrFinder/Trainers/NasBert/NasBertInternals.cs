using System.Reflection;
using Microsoft.ML.Runtime;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// Every non-public member of Microsoft.ML.TorchSharp 0.23.1 the NAS-BERT family hook (TextClassification, SentenceSimilarity,
/// NamedEntityRecognition) touches, resolved once per closed trainer type and checked together before any training: the
/// version guard. Read from the decompiled 0.23.1 assembly (TorchSharpBaseTrainer, NasBertTrainer, NasBertModel).
/// </summary>
/// <remarks>
/// The members every family shares are listed in <see cref="TrainerInternals{TSelf, TTrainer, TOptions}"/>; this adds the
/// NAS-BERT shape (the generic <c>TrainerBase</c> built by the trainer's <c>CreateTrainer</c>, trained by
/// <c>Train(IHost, IDataView)</c>), its options' second field <c>BertOptions</c>, its Adam, and what the forward hook and the
/// random trial weights need. Built once per closed type, by <see cref="TrainerInternals{TSelf, TTrainer, TOptions}.Get"/>.
/// </remarks>
/// <typeparam name="TLabel">The trainer's label type (uint, float or VBuffer&lt;uint&gt;).</typeparam>
/// <typeparam name="TTarget">The trainer's target type (long, float or VBuffer&lt;long&gt;).</typeparam>
internal sealed class NasBertInternals<TLabel, TTarget>
    : TrainerInternals<NasBertInternals<TLabel, TTarget>, NasBertTrainer<TLabel, TTarget>, NasBertTrainer.NasBertOptions>
{
    /// <summary>The head's last layer, whose output is the logits the trainer's loss reads (PredictionHead and SequenceLabelHead).</summary>
    public const string HeadDenseModuleName = "Classifier.dense";

    private readonly MethodInfo? createTrainer;
    private readonly FieldInfo? optimizer;
    private readonly MethodInfo? train;
    private readonly FieldInfo? tokenizer;
    private readonly FieldInfo? reduction;
    private readonly MethodInfo? getHead;
    private readonly ConstructorInfo? predictionModel;
    private readonly ConstructorInfo? nerModel;
    private readonly MethodInfo? getEncoder;
    private readonly MethodInfo? getTokenizer;
    private readonly FieldInfo? transformerModel;

    /// <summary>Resolves the members; use <see cref="TrainerInternals{TSelf, TTrainer, TOptions}.Get"/>, which checks them.</summary>
    public NasBertInternals()
        : base(typeof(TorchSharpBaseTrainer<TLabel, TTarget>), typeof(TorchSharpBaseTrainer.Options), "TrainerBase")
    {
        var baseTrainer = typeof(TorchSharpBaseTrainer<TLabel, TTarget>);
        createTrainer = Resolver.Method(baseTrainer, "CreateTrainer", baseTrainer, typeof(IChannel), typeof(IDataView));
        optimizer = Resolver.Field(InternalTrainerType, "Optimizer", typeof(Optimizer));
        train = Resolver.Method(InternalTrainerType, "Train", typeof(IHost), typeof(IDataView));

        var nasBertTrainer = typeof(NasBertTrainer<TLabel, TTarget>);
        AddOptionField(Resolver.Field(nasBertTrainer, "BertOptions", typeof(NasBertTrainer.NasBertOptions)));
        var nasBertTrainerBase = Resolver.NestedType(nasBertTrainer, "NasBertTrainerBase", typeof(TLabel), typeof(TTarget));
        tokenizer = Resolver.Field(nasBertTrainerBase, "Tokenizer", typeof(Tokenizer));
        reduction = Resolver.Field(typeof(NasBertTrainer.NasBertOptions), "Reduction", typeof(nn.Reduction));

        var baseModel = Resolver.Type(TorchSharpInternals.Assembly, "Microsoft.ML.TorchSharp.NasBert.Models.BaseModel");
        getHead = Resolver.Method(baseModel, "GetHead");

        // For random trial weights (LrFinderCatalog.WriteRandomWeights): the trainers' own model classes, built as
        // NasBertTrainerBase.CreateModule builds them, and the encoder the trainers load the pretrained file into.
        Type[] modelParameters = [typeof(NasBertTrainer.NasBertOptions), typeof(int), typeof(int), typeof(int)];
        predictionModel = Resolver.Constructor(
            Resolver.Type(TorchSharpInternals.Assembly, "Microsoft.ML.TorchSharp.NasBert.Models.ModelForPrediction"), modelParameters);
        nerModel = Resolver.Constructor(Resolver.Type(TorchSharpInternals.Assembly, "Microsoft.ML.TorchSharp.NasBert.Models.NerModel"), modelParameters);
        getEncoder = Resolver.Method(baseModel, "GetEncoder");
        var tokenizerExtensions = Resolver.Type(TorchSharpInternals.Assembly, "Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions");
        getTokenizer = Resolver.StaticMethod(tokenizerExtensions, "GetInstance", typeof(IChannel));

        // For the tuning step's held-out loss of NamedEntityRecognition: the fitted transformer's model.
        transformerModel = Resolver.Field(typeof(TorchSharpBaseTransformer<TLabel, TTarget>), "Model", typeof(nn.Module));
    }

    /// <summary>The loss reduction in <paramref name="options"/> (an internal setting: <c>Sum</c> by default).</summary>
    public nn.Reduction GetReduction(NasBertTrainer.NasBertOptions options) => (nn.Reduction)reduction!.GetValue(options)!;

    /// <summary>Builds the trainer's own internal trainer: model (pretrained encoder loaded), Adam, one-cycle scheduler.</summary>
    public override object CreateTrainer(NasBertTrainer<TLabel, TTarget> trainer, IChannel channel, IDataView input) =>
        Invoke(createTrainer!, trainer, trainer, channel, input)!;

    /// <inheritdoc/>
    public override Optimizer GetOptimizer(object internalTrainer) => (Optimizer)optimizer!.GetValue(internalTrainer)!;

    /// <summary>The tokenizer the internal trainer prepares its batches with.</summary>
    public Tokenizer GetTokenizer(object internalTrainer) => (Tokenizer)tokenizer!.GetValue(internalTrainer)!;

    /// <summary>The tokenizer the trainers and their transformers share (<c>TokenizerExtensions.GetInstance</c>).</summary>
    public Tokenizer GetSharedTokenizer() => (Tokenizer)Invoke(getTokenizer!, null, [null])!;

    /// <summary>The model a fitted transformer predicts with.</summary>
    public nn.Module GetModel(TorchSharpBaseTransformer transformer) => (nn.Module)transformerModel!.GetValue(transformer)!;

    /// <summary>One pass of the trainer's own training loop over <paramref name="input"/>; its loop takes no progress channel.</summary>
    public override void Train(object internalTrainer, IHost trainerHost, IDataView input, IProgressChannel? progress) =>
        Invoke(train!, internalTrainer, trainerHost, input);

    /// <summary>The head's final dense layer, whose forward output is the batch's logits.</summary>
    public Linear GetHeadDense(nn.Module nasBertModel, string trainerName)
    {
        var head = (nn.Module)Invoke(getHead!, nasBertModel)!;
        var dense = head.named_modules().FirstOrDefault(m => m.name == HeadDenseModuleName).module as Linear;
        return dense ?? throw TorchSharpInternals.Unsupported(trainerName, [$"head module {HeadDenseModuleName} (Linear)"]);
    }

    /// <summary>
    /// Writes a random-weight NAS-BERT encoder to <paramref name="path"/>: the trainer's own model class with its tokenizer's
    /// vocabulary, saved as the trainers load the pretrained file (<c>GetEncoder().load(path, strict: true)</c>; the head is not in
    /// the file, so the class count used here does not matter).
    /// </summary>
    /// <param name="namedEntityRecognition">The larger NER encoder (<c>NerModel</c>) instead of <c>ModelForPrediction</c>.</param>
    /// <param name="path">The file to write.</param>
    public void SaveRandomEncoder(bool namedEntityRecognition, string path)
    {
        var tokenizer = (EnglishRobertaTokenizer)GetSharedTokenizer();
        NasBertTrainer.NasBertOptions options = namedEntityRecognition ? new NerTrainer.NerOptions() : new TextClassificationTrainer.TextClassificationOptions();
        var constructor = namedEntityRecognition ? nerModel! : predictionModel!;
        using var nasBertModel = (nn.Module)Invoke(constructor, null, options, tokenizer.PadIndex, tokenizer.SymbolsCount, 2)!;
        ((nn.Module)Invoke(getEncoder!, nasBertModel)!).save(path);
    }
}
