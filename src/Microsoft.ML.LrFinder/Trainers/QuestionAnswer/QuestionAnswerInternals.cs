using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML.Runtime;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

/// <summary>
/// Every non-public member of Microsoft.ML.TorchSharp 0.23.1 the QuestionAnswer hook touches, resolved once and checked
/// together before any training: the version guard. Read from the decompiled 0.23.1 QATrainer. The members it shares with
/// ObjectDetection are listed in <see cref="TrainerInternals{TSelf, TTrainer, TOptions}"/> and
/// <see cref="NestedTrainerInternals{TSelf, TTrainer, TOptions}"/>; this adds its optimizer wrapper (<c>BaseOptimizer</c>, which
/// clips gradients before stepping the TorchSharp Adam inside it) and, for the tuning step's held-out loss, the fitted
/// transformer's model and device and the internal trainer's own row preparation.
/// </summary>
internal sealed class QuestionAnswerInternals : NestedTrainerInternals<QuestionAnswerInternals, QATrainer, QATrainer.Options>
{
    /// <summary>The trainer's catalog name.</summary>
    public const string TrainerName = "QuestionAnswer";

    private readonly FieldInfo? optimizer;
    private readonly PropertyInfo? torchOptimizer;
    private readonly ConstructorInfo? robertaModel;
    private readonly MethodInfo? getEncoder;
    private readonly FieldInfo? transformerModel;
    private readonly FieldInfo? transformerDevice;
    private readonly FieldInfo? trainerTokenizer;
    private readonly FieldInfo? trainerDevice;
    private readonly MethodInfo? prepareData;
    private readonly MethodInfo? getTokenizer;

    /// <summary>Resolves the members; use <see cref="TrainerInternals{TSelf, TTrainer, TOptions}.Get"/>, which checks them.</summary>
    public QuestionAnswerInternals()
    {
        var baseOptimizer = Resolver.Type(TorchSharpInternals.Assembly, "Microsoft.ML.TorchSharp.NasBert.Optimizers.BaseOptimizer");
        optimizer = baseOptimizer is null ? null : Resolver.Field(InternalTrainerType, "Optimizer", baseOptimizer);
        torchOptimizer = Resolver.Property(baseOptimizer, "Optimizer", typeof(Optimizer));

        // For random trial weights (LrFinderCatalog.WriteRandomWeights): QATrainer.Trainer builds RobertaModelForQA(options) and
        // loads the pretrained file into its encoder with strict: true.
        var robertaModelType = Resolver.Type(TorchSharpInternals.Assembly, "RobertaModelForQA");
        robertaModel = Resolver.Constructor(robertaModelType, typeof(QATrainer.Options));
        getEncoder = Resolver.Method(robertaModelType, "GetEncoder");

        // For the tuning step's held-out loss (QuestionAnswerValidationLoss): the model the transformer predicts with and its
        // device, and the internal trainer's PrepareData (tokens of <s> question </s> context, and the answer's start and end
        // token), which reads only the trainer's Tokenizer and Device fields.
        transformerModel = Resolver.Field(typeof(QATransformer), "Model", typeof(nn.Module<Tensor, Tensor, Tensor>));
        transformerDevice = Resolver.Field(typeof(QATransformer), "Device", typeof(Device));
        trainerTokenizer = Resolver.Field(InternalTrainerType, "Tokenizer", typeof(Tokenizer));
        trainerDevice = Resolver.Field(InternalTrainerType, "Device", typeof(Device));
        var text = typeof(ValueGetter<ReadOnlyMemory<char>>);
        prepareData = Resolver.Method(InternalTrainerType, "PrepareData", text, text, text, typeof(ValueGetter<int>));

        // The tokenizer the trainer builds its internal trainer with, for checking held-out rows before anything trains.
        var tokenizerExtensions = Resolver.Type(TorchSharpInternals.Assembly, "Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions");
        getTokenizer = Resolver.StaticMethod(tokenizerExtensions, "GetInstance", typeof(IChannel));
    }

    /// <summary>Writes a random-weight RoBERTa encoder (~124 M parameters, ~500 MB) as QATrainer loads the pretrained file.</summary>
    /// <param name="path">The file to write.</param>
    public void SaveRandomEncoder(string path)
    {
        using var model = (nn.Module)Invoke(robertaModel!, null, new QATrainer.Options())!;
        ((nn.Module)Invoke(getEncoder!, model)!).save(path);
    }

    /// <summary>The model a fitted transformer predicts with (its own; never disposed here): token ids [B, T] to logits [B, T, 2].</summary>
    public nn.Module<Tensor, Tensor, Tensor> GetModel(QATransformer transformer) => (nn.Module<Tensor, Tensor, Tensor>)transformerModel!.GetValue(transformer)!;

    /// <summary>The tokenizer the trainer and its transformer share (<c>TokenizerExtensions.GetInstance</c>).</summary>
    public Tokenizer GetSharedTokenizer() => (Tokenizer)Invoke(getTokenizer!, null, [null])!;

    /// <summary>The device a fitted transformer's model runs on.</summary>
    public Device GetDevice(QATransformer transformer) => (Device)transformerDevice!.GetValue(transformer)!;

    /// <summary>
    /// The internal trainer's own preparation of one row, without building that trainer (which would load the 500 MB encoder):
    /// an instance whose constructor never ran, given only the two fields <c>PrepareData</c> reads. The returned function reads
    /// the current row through the four getters and gives its token ids, its answer's [start, end] token positions, and
    /// whether the answer could be aligned with the context's tokens (the trainer skips rows where it cannot).
    /// </summary>
    /// <param name="tokenizer">The tokenizer the trainer and transformer share.</param>
    /// <param name="device">Where the tensors go.</param>
    public Func<ValueGetter<ReadOnlyMemory<char>>, ValueGetter<ReadOnlyMemory<char>>, ValueGetter<ReadOnlyMemory<char>>, ValueGetter<int>, (Tensor Tokens, Tensor Answer, bool Aligned)> RowPreparation(
        Tokenizer tokenizer, Device device)
    {
        object preparer = RuntimeHelpers.GetUninitializedObject(InternalTrainerType!);
        trainerTokenizer!.SetValue(preparer, tokenizer);
        trainerDevice!.SetValue(preparer, device);
        return (context, question, answer, answerStart) =>
        {
            var (tokens, target, aligned) = ((Tensor, Tensor, bool))Invoke(prepareData!, preparer, context, question, answer, answerStart)!;
            return (tokens, target, aligned);
        };
    }

    /// <summary>The TorchSharp Adam inside the trainer's optimizer wrapper (which clips gradients before stepping it).</summary>
    public override Optimizer GetOptimizer(object internalTrainer) => (Optimizer)torchOptimizer!.GetValue(optimizer!.GetValue(internalTrainer))!;
}
