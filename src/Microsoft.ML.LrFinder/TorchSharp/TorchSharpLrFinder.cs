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
/// enumerated again from the start (a new epoch).
/// </para>
/// <code>
/// var result = TorchSharpLrFinder.Find(model, torch.optim.Adam(model.parameters()), torch.nn.CrossEntropyLoss(), batches);
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

    /// <summary>
    /// Runs a learning-rate sweep over <paramref name="model"/>, drawing batches from a sequence the factory creates afresh
    /// for every epoch.
    /// </summary>
    /// <param name="model">The model; its output is the loss function's first argument.</param>
    /// <param name="optimizer">The optimizer that trains it, with its parameter groups; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="lossFunction">(prediction, target) → a single-value loss tensor.</param>
    /// <param name="batchFactory">Called at the start of the sweep and whenever the previous sequence runs out.</param>
    /// <param name="options">The settings; default null: <see cref="LrFinderDefaults"/>, no accumulation, no validation.</param>
    /// <param name="progress">Receives one report per iteration, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Ends the sweep early with <see cref="LrFinderStopReason.Cancelled"/>; it does not throw.</param>
    /// <returns>The curve, the stop reason, every suggestion, the selected learning rate and warnings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its valid range; the exception names it.</exception>
    /// <exception cref="ArgumentException">The model has no parameter, the factory's sequence yields no batch, or an option is invalid.</exception>
    /// <exception cref="NotSupportedException">The optimizer does not derive from <see cref="OptimizerHelper"/>.</exception>
    public static LrFinderResult Find(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> lossFunction,
        Func<IEnumerable<(Tensor Input, Tensor Target)>> batchFactory,
        TorchSharpLrFinderOptions? options = null,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batchFactory);
        return Find(model, optimizer, lossFunction, new FactoryEnumerable<(Tensor, Tensor)>(batchFactory), options ?? new TorchSharpLrFinderOptions(), progress, cancellationToken);
    }

    /// <summary>Runs a learning-rate sweep over <paramref name="model"/> with a loss module such as <c>torch.nn.CrossEntropyLoss()</c>.</summary>
    /// <param name="model">The model; its output is the loss module's first input.</param>
    /// <param name="optimizer">The optimizer that trains it, with its parameter groups; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="loss">(prediction, target) → a single-value loss tensor: <c>nn.CrossEntropyLoss()</c>, <c>nn.MSELoss()</c>, … Called through its hooks.</param>
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
        nn.Module<Tensor, Tensor, Tensor> loss,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        LrFinderOptions? options = null,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return Find(model, optimizer, loss.call, batches, options, progress, cancellationToken);
    }

    /// <summary>
    /// Runs a learning-rate sweep over <paramref name="model"/> with a loss module, and gradient accumulation, validation batches
    /// or clipping.
    /// </summary>
    /// <param name="model">The model; its output is the loss module's first input.</param>
    /// <param name="optimizer">The optimizer that trains it, with its parameter groups; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="loss">(prediction, target) → a single-value loss tensor: <c>nn.CrossEntropyLoss()</c>, <c>nn.MSELoss()</c>, …</param>
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
        nn.Module<Tensor, Tensor, Tensor> loss,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        TorchSharpLrFinderOptions options,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return Find(model, optimizer, loss.call, batches, options, progress, cancellationToken);
    }

    /// <summary>
    /// Runs a learning-rate sweep over <paramref name="model"/> with a loss module, drawing batches from a sequence the factory
    /// creates afresh for every epoch.
    /// </summary>
    /// <param name="model">The model; its output is the loss module's first input.</param>
    /// <param name="optimizer">The optimizer that trains it, with its parameter groups; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="loss">(prediction, target) → a single-value loss tensor: <c>nn.CrossEntropyLoss()</c>, <c>nn.MSELoss()</c>, …</param>
    /// <param name="batchFactory">Called at the start of the sweep and whenever the previous sequence runs out.</param>
    /// <param name="options">The settings; default null: <see cref="LrFinderDefaults"/>, no accumulation, no validation.</param>
    /// <param name="progress">Receives one report per iteration, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Ends the sweep early with <see cref="LrFinderStopReason.Cancelled"/>; it does not throw.</param>
    /// <returns>The curve, the stop reason, every suggestion, the selected learning rate and warnings.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its valid range; the exception names it.</exception>
    /// <exception cref="ArgumentException">The model has no parameter, the factory's sequence yields no batch, or an option is invalid.</exception>
    /// <exception cref="NotSupportedException">The optimizer does not derive from <see cref="OptimizerHelper"/>.</exception>
    public static LrFinderResult Find(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        nn.Module<Tensor, Tensor, Tensor> loss,
        Func<IEnumerable<(Tensor Input, Tensor Target)>> batchFactory,
        TorchSharpLrFinderOptions? options = null,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return Find(model, optimizer, loss.call, batchFactory, options, progress, cancellationToken);
    }
}
