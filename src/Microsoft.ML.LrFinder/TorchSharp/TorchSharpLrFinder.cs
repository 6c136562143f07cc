using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// The learning-rate finder for any TorchSharp module: sweeps the learning rate over a few hundred batches at most, records
/// the loss curve, suggests a learning rate and puts the model and optimizer back exactly as they were.
/// </summary>
/// <remarks>
/// <para>
/// Each iteration runs one optimizer step inside its own <c>torch.NewDisposeScope()</c>: zero the gradients, run the model
/// and the loss on one batch (or several, with gradient accumulation), back-propagate, optionally clip, step. Every parameter
/// group's learning rate is set for the step in proportion to its learning rate at the start (the curve records the first
/// group's). The model runs in training mode on the device of its first parameter; batches on another device are copied there.
/// </para>
/// <para>
/// Before the first step the finder copies, in memory, the parameters and their gradients, the buffers, the optimizer's state
/// and options, the learning rates, every module's training flag and torch's default random generator; afterwards it puts them
/// back bit for bit, also when the sweep diverges, meets a NaN, is cancelled or throws. The copy costs one set of parameters
/// plus the optimizer state. The optimizer must derive from <see cref="OptimizerHelper"/> (Adam, AdamW, SGD, RMSprop, …).
/// </para>
/// <para>
/// Tensors the batch source yields are the caller's and are never disposed. Tensors created while the source is enumerated
/// (a lazy sequence that builds each batch) belong to the iteration that drew them and are disposed at its end, so create any
/// tensor the sequence reuses across batches before enumerating it. When the source runs out before the sweep ends, it is
/// enumerated again from the start (a new epoch). To build fresh batches for every epoch, pass a lazy iterator (a method with
/// <c>yield return</c>): each enumeration runs it again from its start.
/// </para>
/// <para>
/// A loss module such as <c>torch.nn.CrossEntropyLoss()</c> is passed as its <c>call</c> method, which runs its hooks.
/// </para>
/// <code>
/// using var loss = torch.nn.CrossEntropyLoss();
/// var result = TorchSharpLrFinder.Find(model, torch.optim.Adam(model.parameters()), loss.call, batches);
/// double? lr = result.SelectedLearningRate;
/// </code>
/// </remarks>
public static partial class TorchSharpLrFinder
{
    /// <summary>Runs a learning-rate sweep over <paramref name="model"/>.</summary>
    /// <param name="model">The model; its output is the loss function's first argument.</param>
    /// <param name="optimizer">The optimizer that trains it, with its parameter groups; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="lossFunction">
    /// (prediction, target) → a single-value loss tensor, for example <c>torch.nn.CrossEntropyLoss().call</c>.
    /// </param>
    /// <param name="batches">(input, target) pairs; enumerated again from the start when it runs out.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>.</param>
    /// <param name="progress">Receives one report per iteration, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Ends the sweep early with <see cref="LrFinderStopReason.Cancelled"/>; it does not throw.</param>
    /// <returns>The curve, the stop reason, every suggestion, the selected learning rate and warnings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its valid range; the exception names it.</exception>
    /// <exception cref="ArgumentException">The model has no parameter or the batch source yields no batch.</exception>
    /// <exception cref="NotSupportedException">The optimizer does not derive from <see cref="OptimizerHelper"/>.</exception>
    public static LrFinderResult Find(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> lossFunction,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        LrFinderOptions? options = null,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Find(model, optimizer, lossFunction, batches, new TorchSharpLrFinderOptions { Sweep = options ?? new LrFinderOptions() }, progress, cancellationToken);

    /// <summary>Runs a learning-rate sweep over <paramref name="model"/> with gradient accumulation, validation batches or clipping.</summary>
    /// <param name="model">The model; its output is the loss function's first argument.</param>
    /// <param name="optimizer">The optimizer that trains it, with its parameter groups; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="lossFunction">(prediction, target) → a single-value loss tensor.</param>
    /// <param name="batches">(input, target) pairs; enumerated again from the start when it runs out.</param>
    /// <param name="options">The settings; validated and not modified.</param>
    /// <param name="progress">Receives one report per iteration, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Ends the sweep early with <see cref="LrFinderStopReason.Cancelled"/>; it does not throw.</param>
    /// <returns>The curve, the stop reason, every suggestion, the selected learning rate and warnings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its valid range; the exception names it.</exception>
    /// <exception cref="ArgumentException">The model has no parameter, the batch source yields no batch, or an option is invalid.</exception>
    /// <exception cref="NotSupportedException">The optimizer does not derive from <see cref="OptimizerHelper"/>.</exception>
    public static LrFinderResult Find(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> lossFunction,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        TorchSharpLrFinderOptions options,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(lossFunction);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Clone();
        settings.Validate();
        if (optimizer is not OptimizerHelper snapshotable)
        {
            throw new NotSupportedException(
                $"The optimizer {optimizer.GetType().Name} cannot be saved and restored; use one derived from OptimizerHelper (Adam, AdamW, SGD, RMSprop, …).");
        }

        var target = new TorchSharpSweepTarget(model, snapshotable, lossFunction, batches, settings);
        using var quietConvolutions = LibTorchNnpack.Disable();
        return LrSweepRunner.Run(target, settings.Sweep, progress, cancellationToken);
    }
}
