using System.Reflection;
using Microsoft.ML.Runtime;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers.NasBert;

/// <summary>
/// Every non-public member of Microsoft.ML.TorchSharp 0.23.1 the NAS-BERT family hook (TextClassification, SentenceSimilarity,
/// NamedEntityRecognition) touches, resolved once per closed trainer type and checked together before any training: the
/// version guard. Read from the decompiled 0.23.1 assembly (TorchSharpBaseTrainer, NasBertTrainer, NasBertModel).
/// </summary>
/// <typeparam name="TLabel">The trainer's label type (uint, float or VBuffer&lt;uint&gt;).</typeparam>
/// <typeparam name="TTarget">The trainer's target type (long, float or VBuffer&lt;long&gt;).</typeparam>
internal sealed class NasBertInternals<TLabel, TTarget>
{
    /// <summary>The head's last layer, whose output is the logits the trainer's loss reads (PredictionHead and SequenceLabelHead).</summary>
    public const string HeadDenseModuleName = "Classifier.dense";

    private static readonly Lazy<NasBertInternals<TLabel, TTarget>> Resolved = new(() => new NasBertInternals<TLabel, TTarget>());

    private readonly MemberResolver resolver = new();
    private readonly FieldInfo? host;
    private readonly FieldInfo? option;
    private readonly FieldInfo? bertOptions;
    private readonly MethodInfo? createTrainer;
    private readonly FieldInfo? model;
    private readonly FieldInfo? optimizer;
    private readonly FieldInfo? scheduler;
    private readonly MethodInfo? train;
    private readonly FieldInfo? tokenizer;
    private readonly FieldInfo? reduction;
    private readonly MethodInfo? getHead;
    private readonly ConstructorInfo? predictionModel;
    private readonly ConstructorInfo? nerModel;
    private readonly MethodInfo? getEncoder;
    private readonly MethodInfo? getTokenizer;

    private NasBertInternals()
    {
        var baseTrainer = typeof(TorchSharpBaseTrainer<TLabel, TTarget>);
        host = resolver.Field(baseTrainer, "Host", typeof(IHost));
        option = resolver.Field(baseTrainer, "Option", typeof(TorchSharpBaseTrainer.Options));
        createTrainer = resolver.Method(baseTrainer, "CreateTrainer", baseTrainer, typeof(IChannel), typeof(IDataView));

        var trainerBase = resolver.NestedType(baseTrainer, "TrainerBase", typeof(TLabel), typeof(TTarget));
        model = resolver.Field(trainerBase, "Model", typeof(nn.Module));
        optimizer = resolver.Field(trainerBase, "Optimizer", typeof(Optimizer));
        scheduler = resolver.Field(trainerBase, "LearningRateScheduler", typeof(LRScheduler));
        train = resolver.Method(trainerBase, "Train", typeof(IHost), typeof(IDataView));

        var nasBertTrainer = typeof(NasBertTrainer<TLabel, TTarget>);
        bertOptions = resolver.Field(nasBertTrainer, "BertOptions", typeof(NasBertTrainer.NasBertOptions));
        var nasBertTrainerBase = resolver.NestedType(nasBertTrainer, "NasBertTrainerBase", typeof(TLabel), typeof(TTarget));
        tokenizer = resolver.Field(nasBertTrainerBase, "Tokenizer", typeof(Tokenizer));
        reduction = resolver.Field(typeof(NasBertTrainer.NasBertOptions), "Reduction", typeof(nn.Reduction));

        var baseModel = resolver.Type(TorchSharpTrainerSupport.Assembly, "Microsoft.ML.TorchSharp.NasBert.Models.BaseModel");
        getHead = resolver.Method(baseModel, "GetHead");

        // For random trial weights (LrFinderCatalog.WriteRandomWeights): the trainers' own model classes, built as
        // NasBertTrainerBase.CreateModule builds them, and the encoder the trainers load the pretrained file into.
        Type[] modelParameters = [typeof(NasBertTrainer.NasBertOptions), typeof(int), typeof(int), typeof(int)];
        predictionModel = resolver.Constructor(
            resolver.Type(TorchSharpTrainerSupport.Assembly, "Microsoft.ML.TorchSharp.NasBert.Models.ModelForPrediction"), modelParameters);
        nerModel = resolver.Constructor(resolver.Type(TorchSharpTrainerSupport.Assembly, "Microsoft.ML.TorchSharp.NasBert.Models.NerModel"), modelParameters);
        getEncoder = resolver.Method(baseModel, "GetEncoder");
        var tokenizerExtensions = resolver.Type(TorchSharpTrainerSupport.Assembly, "Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions");
        getTokenizer = resolver.StaticMethod(tokenizerExtensions, "GetInstance", typeof(IChannel));
    }

    /// <summary>The resolved members; throws <see cref="NotSupportedException"/> naming every missing one.</summary>
    public static NasBertInternals<TLabel, TTarget> Get(string trainerName)
    {
        var internals = Resolved.Value;
        internals.resolver.ThrowIfMissing(trainerName);
        return internals;
    }

    public IHost GetHost(NasBertTrainer<TLabel, TTarget> trainer) => (IHost)host!.GetValue(trainer)!;

    /// <summary>The options object the trainer was created with (the user's; never modified).</summary>
    public NasBertTrainer.NasBertOptions GetOptions(NasBertTrainer<TLabel, TTarget> trainer) =>
        (NasBertTrainer.NasBertOptions)bertOptions!.GetValue(trainer)!;

    public nn.Reduction GetReduction(NasBertTrainer.NasBertOptions options) => (nn.Reduction)reduction!.GetValue(options)!;

    /// <summary>
    /// Points the trainer at <paramref name="options"/> until the returned object is disposed. The trainer reads its options
    /// through two fields (<c>Option</c> and <c>BertOptions</c>), both swapped.
    /// </summary>
    public IDisposable UseOptions(NasBertTrainer<TLabel, TTarget> trainer, NasBertTrainer.NasBertOptions options)
    {
        object original = option!.GetValue(trainer)!;
        object originalBert = bertOptions!.GetValue(trainer)!;
        option.SetValue(trainer, options);
        bertOptions.SetValue(trainer, options);
        return new FieldRestorer(() =>
        {
            option.SetValue(trainer, original);
            bertOptions.SetValue(trainer, originalBert);
        });
    }

    /// <summary>Builds the trainer's own internal trainer: model (pretrained encoder loaded), Adam, one-cycle scheduler.</summary>
    public object CreateTrainer(NasBertTrainer<TLabel, TTarget> trainer, IChannel channel, IDataView input) =>
        Invoke(createTrainer!, trainer, trainer, channel, input)!;

    public nn.Module GetModel(object internalTrainer) => (nn.Module)model!.GetValue(internalTrainer)!;

    public Optimizer GetOptimizer(object internalTrainer) => (Optimizer)optimizer!.GetValue(internalTrainer)!;

    public Tokenizer GetTokenizer(object internalTrainer) => (Tokenizer)tokenizer!.GetValue(internalTrainer)!;

    public void SetScheduler(object internalTrainer, LRScheduler replacement) => scheduler!.SetValue(internalTrainer, replacement);

    /// <summary>One pass of the trainer's own training loop over <paramref name="input"/>.</summary>
    public void Train(object internalTrainer, IHost trainerHost, IDataView input) => Invoke(train!, internalTrainer, trainerHost, input);

    /// <summary>The head's final dense layer, whose forward output is the batch's logits.</summary>
    public Linear GetHeadDense(nn.Module nasBertModel, string trainerName)
    {
        var head = (nn.Module)Invoke(getHead!, nasBertModel)!;
        var dense = head.named_modules().FirstOrDefault(m => m.name == HeadDenseModuleName).module as Linear;
        return dense ?? throw TorchSharpTrainerSupport.Unsupported(trainerName, [$"head module {HeadDenseModuleName} (Linear)"]);
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
        var tokenizer = (EnglishRobertaTokenizer)Invoke(getTokenizer!, null, [null])!;
        NasBertTrainer.NasBertOptions options = namedEntityRecognition ? new NerTrainer.NerOptions() : new TextClassificationTrainer.TextClassificationOptions();
        var constructor = namedEntityRecognition ? nerModel! : predictionModel!;
        using var nasBertModel = (nn.Module)constructor.Invoke(
            BindingFlags.DoNotWrapExceptions, binder: null, [options, tokenizer.PadIndex, tokenizer.SymbolsCount, 2], culture: null);
        ((nn.Module)Invoke(getEncoder!, nasBertModel)!).save(path);
    }

    // The trainer's own exceptions (cancellation, bad data) and our stop signal must surface unwrapped.
    private static object? Invoke(MethodInfo method, object? target, params object?[] arguments) =>
        method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
}
