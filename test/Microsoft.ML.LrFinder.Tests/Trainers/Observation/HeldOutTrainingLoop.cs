using System.Reflection;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.Runtime;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// A trainer's own loss on held-out rows, read by the tests' own reflection (Microsoft.ML.TorchSharp 0.23.1, QuestionAnswer and
/// ObjectDetection): the trainer's nested <c>Trainer</c>, built on the held-out rows by its constructor
/// <c>(trainer, IChannel, IDataView)</c>, its <c>Model</c> field pointed at a fitted model, runs its own
/// <c>Train(IHost, IDataView, IProgressChannel)</c> over them. With <c>LogEveryNStep = 1</c> each step logs the loss its
/// backward pass starts from (<c>Row: N, Loss: X</c>) before its optimizer steps; that optimizer holds the parameters of the
/// model the constructor built, not the fitted one's, so the fitted model's weights stay as they are.
/// </summary>
internal static class HeldOutTrainingLoop
{
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary>Each step's logged loss, in step order.</summary>
    /// <param name="mlContext">The context <paramref name="trainer"/> was made with (its log carries the losses).</param>
    /// <param name="trainer">The public trainer, its options with <c>LogEveryNStep = 1</c>.</param>
    /// <param name="fitted">The fitted transformer's model, which the loop runs (in training mode).</param>
    /// <param name="heldOut">The rows to run it over.</param>
    public static IReadOnlyList<double> StepLosses(MLContext mlContext, object trainer, nn.Module fitted, IDataView heldOut)
    {
        var trainerType = trainer.GetType();
        var host = (IHost)trainerType.GetField("Host", Members)!.GetValue(trainer)!;
        var internalType = trainerType.GetNestedType("Trainer", BindingFlags.NonPublic)!;
        var modelField = internalType.GetField("Model", Members)!;

        using var channel = host.Start("held-out reference");
        var internalTrainer = Activator.CreateInstance(internalType, Members, binder: null, [trainer, channel, heldOut], culture: null)!;
        using var built = (nn.Module)modelField.GetValue(internalTrainer)!;
        modelField.SetValue(internalTrainer, fitted);
        using var log = new LossLog(mlContext);
        using (var progress = host.StartProgressChannel("held-out reference"))
        {
            // The trainers checkpoint their loss and step count.
            progress.SetHeader(new ProgressHeader(["Loss", "Row"]), _ => { });
            internalType.GetMethod("Train", [typeof(IHost), typeof(IDataView), typeof(IProgressChannel)])!.Invoke(internalTrainer, [host, heldOut, progress]);
        }

        return log.Losses;
    }

    /// <summary>The model a fitted transformer predicts with (its non-public field <c>Model</c>).</summary>
    public static nn.Module ModelOf(ITransformer transformer) =>
        (nn.Module)transformer.GetType().GetField("Model", Members)!.GetValue(transformer)!;
}
