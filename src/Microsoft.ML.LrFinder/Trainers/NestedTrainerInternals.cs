using System.Reflection;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The shape ObjectDetection and QuestionAnswer share in Microsoft.ML.TorchSharp 0.23.1: the trainer's nested <c>Trainer</c>
/// class, built by its constructor <c>(trainer, IChannel, IDataView)</c> and trained by
/// <c>Train(IHost, IDataView, IProgressChannel)</c>, which reports every step's loss to the channel. Each family's subclass adds
/// its optimizer.
/// </summary>
/// <typeparam name="TSelf">The family's subclass, resolved once per process.</typeparam>
/// <typeparam name="TTrainer">The public trainer estimator type.</typeparam>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
internal abstract class NestedTrainerInternals<TSelf, TTrainer, TOptions> : TrainerInternals<TSelf, TTrainer, TOptions>
    where TSelf : NestedTrainerInternals<TSelf, TTrainer, TOptions>, new()
    where TTrainer : class
    where TOptions : class
{
    private readonly ConstructorInfo? createTrainer;
    private readonly MethodInfo? train;

    protected NestedTrainerInternals()
        : base(typeof(TTrainer), typeof(TOptions), "Trainer")
    {
        createTrainer = Resolver.Constructor(InternalTrainerType, typeof(TTrainer), typeof(IChannel), typeof(IDataView));
        train = Resolver.Method(InternalTrainerType, "Train", typeof(IHost), typeof(IDataView), typeof(IProgressChannel));
    }

    /// <inheritdoc/>
    public override object CreateTrainer(TTrainer trainer, IChannel channel, IDataView input) => Invoke(createTrainer!, null, trainer, channel, input)!;

    /// <inheritdoc/>
    public override void Train(object internalTrainer, IHost trainerHost, IDataView input, IProgressChannel? progress) =>
        Invoke(train!, internalTrainer, trainerHost, input, progress);
}
