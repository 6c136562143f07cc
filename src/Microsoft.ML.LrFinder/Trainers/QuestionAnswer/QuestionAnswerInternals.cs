using System.Reflection;
using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

/// <summary>
/// Every non-public member of Microsoft.ML.TorchSharp 0.23.1 the QuestionAnswer hook touches, resolved once and checked
/// together before any training: the version guard. Read from the decompiled 0.23.1 QATrainer. The members it shares with
/// ObjectDetection are listed in <see cref="NestedTrainerInternals{TTrainer, TOptions}"/>; this adds its optimizer wrapper
/// (<c>BaseOptimizer</c>, which clips gradients before stepping the TorchSharp Adam inside it).
/// </summary>
internal sealed class QuestionAnswerInternals : NestedTrainerInternals<QATrainer, QATrainer.Options>
{
    public const string TrainerName = "QuestionAnswer";

    private static readonly Lazy<QuestionAnswerInternals> Resolved = new(() => new QuestionAnswerInternals());

    private readonly FieldInfo? optimizer;
    private readonly PropertyInfo? torchOptimizer;
    private readonly ConstructorInfo? robertaModel;
    private readonly MethodInfo? getEncoder;

    private QuestionAnswerInternals()
    {
        var baseOptimizer = Resolver.Type(TorchSharpTrainerSupport.Assembly, "Microsoft.ML.TorchSharp.NasBert.Optimizers.BaseOptimizer");
        optimizer = baseOptimizer is null ? null : Resolver.Field(InternalTrainerType, "Optimizer", baseOptimizer);
        torchOptimizer = Resolver.Property(baseOptimizer, "Optimizer", typeof(Optimizer));

        // For random trial weights (LrFinderCatalog.WriteRandomWeights): QATrainer.Trainer builds RobertaModelForQA(options) and
        // loads the pretrained file into its encoder with strict: true.
        var robertaModelType = Resolver.Type(TorchSharpTrainerSupport.Assembly, "RobertaModelForQA");
        robertaModel = Resolver.Constructor(robertaModelType, typeof(QATrainer.Options));
        getEncoder = Resolver.Method(robertaModelType, "GetEncoder");
    }

    /// <summary>The resolved members; throws <see cref="NotSupportedException"/> naming every missing one.</summary>
    public static QuestionAnswerInternals Get()
    {
        var internals = Resolved.Value;
        internals.Resolver.ThrowIfMissing(TrainerName);
        return internals;
    }

    /// <summary>Writes a random-weight RoBERTa encoder (~124 M parameters, ~500 MB) as QATrainer loads the pretrained file.</summary>
    /// <param name="path">The file to write.</param>
    public void SaveRandomEncoder(string path)
    {
        using var model = (nn.Module)robertaModel!.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, [new QATrainer.Options()], culture: null);
        ((nn.Module)getEncoder!.Invoke(model, BindingFlags.DoNotWrapExceptions, binder: null, [], culture: null)!).save(path);
    }

    /// <summary>The TorchSharp Adam inside the trainer's optimizer wrapper (which clips gradients before stepping it).</summary>
    public override Optimizer GetOptimizer(object internalTrainer) => (Optimizer)torchOptimizer!.GetValue(optimizer!.GetValue(internalTrainer))!;
}
