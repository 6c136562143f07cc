using System.Reflection;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The non-public members of a Microsoft.ML.TorchSharp 0.23.1 trainer that every family's hook touches: the trainer's
/// <c>Host</c> and <c>Option</c> fields, and on its internal trainer the public <c>Model</c> and <c>LearningRateScheduler</c>
/// fields. Each family's subclass (its <c>*Internals</c> file) names where its internal trainer class is and adds only what
/// differs: how that trainer is built and trained, and its optimizer. Every member is resolved once per closed type, by one
/// <see cref="MemberResolver"/>, and checked together by <see cref="Get"/> before any training: the version guard.
/// </summary>
/// <typeparam name="TSelf">The family's subclass, resolved once per process.</typeparam>
/// <typeparam name="TTrainer">The public trainer estimator type.</typeparam>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
internal abstract class TrainerInternals<TSelf, TTrainer, TOptions>
    where TSelf : TrainerInternals<TSelf, TTrainer, TOptions>, new()
    where TTrainer : class
    where TOptions : class
{
    private static readonly Lazy<TSelf> Resolved = new(() => new TSelf());

    private static readonly MethodInfo ShallowCopy =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly FieldInfo? host;
    private readonly List<FieldInfo?> optionFields = [];
    private readonly FieldInfo? model;
    private readonly FieldInfo? scheduler;

    /// <param name="declaringTrainer">The trainer class that declares the <c>Host</c> and <c>Option</c> fields.</param>
    /// <param name="optionFieldType">The declared type of the <c>Option</c> field.</param>
    /// <param name="internalTrainerName">The nested class of <paramref name="declaringTrainer"/> that trains (closed over its type arguments).</param>
    protected TrainerInternals(Type declaringTrainer, Type optionFieldType, string internalTrainerName)
    {
        host = Resolver.Field(declaringTrainer, "Host", typeof(IHost));
        optionFields.Add(Resolver.Field(declaringTrainer, "Option", optionFieldType));
        InternalTrainerType = Resolver.NestedType(declaringTrainer, internalTrainerName, declaringTrainer.GetGenericArguments());
        model = Resolver.Field(InternalTrainerType, "Model", typeof(nn.Module));
        scheduler = Resolver.Field(InternalTrainerType, "LearningRateScheduler", typeof(LRScheduler));
    }

    /// <summary>Resolves members and remembers the ones that are missing, for the version guard.</summary>
    protected MemberResolver Resolver { get; } = new();

    /// <summary>The trainer's internal trainer class; null when it is missing.</summary>
    protected Type? InternalTrainerType { get; }

    /// <summary>The resolved members; throws <see cref="NotSupportedException"/> naming every missing one.</summary>
    /// <param name="trainerName">The trainer's catalog name, for the message.</param>
    public static TSelf Get(string trainerName)
    {
        var internals = Resolved.Value;
        internals.Resolver.ThrowIfMissing(trainerName);
        return internals;
    }

    /// <summary>The host the trainer registered with its MLContext.</summary>
    public IHost GetHost(TTrainer trainer) => (IHost)host!.GetValue(trainer)!;

    /// <summary>The options object the trainer was created with (the user's; never modified), read through its most derived field.</summary>
    public TOptions GetOptions(TTrainer trainer) => (TOptions)optionFields[^1]!.GetValue(trainer)!;

    /// <summary>
    /// A shallow copy of <paramref name="options"/>. The options classes are public but not cloneable, and some settings the
    /// trainers read are internal fields; <c>MemberwiseClone</c> copies them all, so the copy behaves exactly as the original.
    /// </summary>
    public TOptions CopyOptions(TOptions options) => (TOptions)ShallowCopy.Invoke(options, null)!;

    /// <summary>Points the trainer at <paramref name="options"/> (every field it reads them through) until the returned object is disposed.</summary>
    public IDisposable UseOptions(TTrainer trainer, TOptions options)
    {
        object?[] originals = optionFields.Select(field => field!.GetValue(trainer)).ToArray();
        foreach (var field in optionFields)
        {
            field!.SetValue(trainer, options);
        }

        return new FieldRestorer(() =>
        {
            for (int i = 0; i < optionFields.Count; i++)
            {
                optionFields[i]!.SetValue(trainer, originals[i]);
            }
        });
    }

    /// <summary>Builds the trainer's own internal trainer, with its model, pretrained weights, optimizer and scheduler.</summary>
    public abstract object CreateTrainer(TTrainer trainer, IChannel channel, IDataView input);

    /// <summary>The internal trainer's model.</summary>
    public nn.Module GetModel(object internalTrainer) => (nn.Module)model!.GetValue(internalTrainer)!;

    /// <summary>The TorchSharp optimizer the internal trainer steps.</summary>
    public abstract Optimizer GetOptimizer(object internalTrainer);

    /// <summary>Replaces the internal trainer's learning-rate scheduler.</summary>
    public void SetScheduler(object internalTrainer, LRScheduler replacement) => scheduler!.SetValue(internalTrainer, replacement);

    /// <summary>One pass of the trainer's own training loop over <paramref name="input"/>.</summary>
    /// <param name="internalTrainer">The trainer <see cref="CreateTrainer"/> built.</param>
    /// <param name="trainerHost">The trainer's host.</param>
    /// <param name="input">The rows to train on.</param>
    /// <param name="progress">Where the loop reports each step, for trainers whose loop takes a progress channel.</param>
    public abstract void Train(object internalTrainer, IHost trainerHost, IDataView input, IProgressChannel? progress);

    /// <summary>
    /// A field of a more derived trainer class that holds the same options typed as <typeparamref name="TOptions"/> (NAS-BERT's
    /// <c>BertOptions</c>): <see cref="GetOptions"/> reads it, and <see cref="UseOptions"/> swaps it with <c>Option</c>.
    /// </summary>
    protected void AddOptionField(FieldInfo? field) => optionFields.Add(field);

    /// <summary>
    /// Calls a resolved method or constructor. The trainer's own exceptions (cancellation, bad data) and the sweep's stop signal
    /// surface unwrapped.
    /// </summary>
    protected static object? Invoke(MethodBase member, object? target, params object?[] arguments) => member switch
    {
        ConstructorInfo constructor => constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null),
        _ => member.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null),
    };
}
