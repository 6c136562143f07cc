using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// The learning-rate finder for any TorchSharp module: <see cref="Find"/> sweeps the learning rate over a few hundred batches
/// at most, records the loss curve, suggests a learning rate and puts the model and optimizer back exactly as they were;
/// <see cref="Tune(nn.Module{Tensor, Tensor}, optim.Optimizer, Func{Tensor, Tensor, Tensor}, IEnumerable{ValueTuple{Tensor, Tensor}}, IReadOnlyList{ValueTuple{Tensor, Tensor}}, int, TorchSharpLrFinderOptions?, IProgress{LrTuneProgress}?, CancellationToken)"/>
/// then confirms it on held-out batches.
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
public static class TorchSharpLrFinder
{
    /// <summary>Runs a learning-rate sweep over <paramref name="model"/>.</summary>
    /// <param name="model">The model; its output is the loss function's first argument.</param>
    /// <param name="optimizer">The optimizer that trains it, with its parameter groups; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="lossFunction">
    /// (prediction, target) → a single-value loss tensor, for example <c>torch.nn.CrossEntropyLoss().call</c>.
    /// </param>
    /// <param name="batches">(input, target) pairs; enumerated again from the start when it runs out.</param>
    /// <param name="options">
    /// The sweep's settings and how one step trains (gradient accumulation, validation batches, clipping); default null:
    /// <see cref="LrFinderDefaults"/>, one batch per step, the training loss, no clipping. Copied and validated; its
    /// <see cref="TorchSharpLrFinderOptions.Tune"/> is not read.
    /// </param>
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
        TorchSharpLrFinderOptions? options = null,
        IProgress<LrFinderProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(lossFunction);
        ArgumentNullException.ThrowIfNull(batches);
        var settings = options?.Clone() ?? new TorchSharpLrFinderOptions();
        settings.Validate();
        if (optimizer is not OptimizerHelper snapshotable)
        {
            throw new NotSupportedException(
                $"The optimizer {optimizer.GetType().Name} cannot be saved and restored; use one derived from OptimizerHelper (Adam, AdamW, SGD, RMSprop, …).");
        }

        var target = new TorchSharpSweepTarget(model, snapshotable, lossFunction, batches, settings);
        using var quietConvolutions = LibTorchNnpack.Disable();
        return LrSweepRunner.Run(target, settings, progress, cancellationToken);
    }

    /// <summary>
    /// Sweeps <paramref name="model"/>, then probes candidate learning rates across the sweep's credible range with short fits
    /// (successive halving: every probe from the state the model is in now, at a constant rate, or as a compressed one-cycle
    /// when <see cref="LrFinderOptions.TrainingSchedule"/> is <see cref="LrTrainingSchedule.OneCycle"/>; all of them within
    /// <see cref="LrTuneOptions.Budget"/> × <paramref name="budgetSteps"/> steps; or the single-round step) and chooses the one whose loss on <paramref name="validationBatches"/> is lowest.
    /// </summary>
    /// <param name="model">The model; its output is the loss function's first argument.</param>
    /// <param name="optimizer">The optimizer that trains it; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="lossFunction">(prediction, target) → a single-value loss tensor; also scores the validation batches.</param>
    /// <param name="batches">Training (input, target) pairs; every probe starts from the first, and a short source is cycled.</param>
    /// <param name="validationBatches">Held-out (input, target) pairs scoring each probe (evaluation mode, no gradients); not empty. Never disposed.</param>
    /// <param name="budgetSteps">The optimizer steps of the real fit the learning rate is for; at least 1.</param>
    /// <param name="options">
    /// The sweep's settings, how one step trains, and in <see cref="TorchSharpLrFinderOptions.Tune"/> the candidates and the
    /// probe length; default null: <see cref="LrFinderDefaults"/> and <see cref="LrTuneDefaults"/>. Its seed also seeds each probe.
    /// </param>
    /// <param name="progress">Receives one report per completed probe, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Cancelling throws <see cref="OperationCanceledException"/> once the model is restored.</param>
    /// <returns>The sweep, every candidate with its held-out loss and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetSteps"/> or an option is out of range; the exception names it.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="validationBatches"/> is empty, holds a null tensor, cannot be scored by the model and loss function, or
    /// scores a non-finite loss before any training; or the model has no parameter or the batch source no batch.
    /// </exception>
    /// <exception cref="NotSupportedException">The optimizer does not derive from <see cref="OptimizerHelper"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// The model, the optimizer, the training flags and torch's default random generator end exactly as they started, as after a
    /// sweep: each probe is restored from its own snapshot whether it completes, diverges, throws or is cancelled.
    /// </remarks>
    public static LrTuneResult Tune(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> lossFunction,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        IReadOnlyList<(Tensor Input, Tensor Target)> validationBatches,
        int budgetSteps,
        TorchSharpLrFinderOptions? options = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var (settings, target) = CheckedProbeTarget(model, optimizer, lossFunction, batches, validationBatches, budgetSteps, options);
        var finderResult = Find(model, optimizer, lossFunction, batches, settings, progress: null, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return LrTuneRunner.Run(Probe(target, validationBatches, settings.TrainingSchedule), finderResult, budgetSteps, settings.Tune, progress, cancellationToken);
    }

    /// <summary>
    /// Probes the candidate learning rates around the selected one of a sweep already run on <paramref name="model"/> (for
    /// example with <see cref="Find"/>
    /// and a progress report), and chooses the one whose loss on <paramref name="validationBatches"/> is lowest.
    /// </summary>
    /// <param name="model">The model the sweep ran on, in the state the real fit starts from.</param>
    /// <param name="optimizer">The optimizer that trains it; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="lossFunction">(prediction, target) → a single-value loss tensor; also scores the validation batches.</param>
    /// <param name="batches">Training (input, target) pairs; every probe starts from the first, and a short source is cycled.</param>
    /// <param name="validationBatches">Held-out (input, target) pairs scoring each probe; not empty. Never disposed.</param>
    /// <param name="budgetSteps">The optimizer steps of the real fit the learning rate is for; at least 1.</param>
    /// <param name="finderResult">The sweep's result; when it selected nothing, no probe runs and the result says so.</param>
    /// <param name="options">
    /// How one step trains (accumulation, clipping), the seed of each probe, and in <see cref="TorchSharpLrFinderOptions.Tune"/>
    /// the candidates and the probe length; default null: one batch per step, no clipping, no seed, <see cref="LrTuneDefaults"/>.
    /// The sweep's settings are not read.
    /// </param>
    /// <param name="progress">Receives one report per completed probe, on the calling thread; default null.</param>
    /// <param name="cancellationToken">Cancelling throws <see cref="OperationCanceledException"/> once the model is restored.</param>
    /// <returns>The sweep, every candidate with its held-out loss and steps run, and the chosen learning rate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetSteps"/> or an option is out of range; the exception names it.</exception>
    /// <exception cref="ArgumentException"><paramref name="validationBatches"/> is empty or cannot be scored (see the other overload).</exception>
    /// <exception cref="NotSupportedException">The optimizer does not derive from <see cref="OptimizerHelper"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static LrTuneResult Tune(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> lossFunction,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        IReadOnlyList<(Tensor Input, Tensor Target)> validationBatches,
        int budgetSteps,
        LrFinderResult finderResult,
        TorchSharpLrFinderOptions? options = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finderResult);
        var (settings, target) = CheckedProbeTarget(model, optimizer, lossFunction, batches, validationBatches, budgetSteps, options);
        var schedule = options?.TrainingSchedule ?? finderResult.Options.TrainingSchedule;
        return LrTuneRunner.Run(Probe(target, validationBatches, schedule), finderResult, budgetSteps, settings.Tune, progress, cancellationToken);
    }

    // Each probe follows the schedule the rate is for: a one-cycle peak is probed as a compressed one-cycle (LrProbeSchedule).
    private static LrSweepTargetProbe Probe(TorchSharpSweepTarget target, IReadOnlyList<(Tensor Input, Tensor Target)> validationBatches, LrTrainingSchedule? schedule) =>
        new(target, () => target.ValidationLoss(validationBatches), schedule ?? LrTrainingSchedule.Constant);

    // Checks every argument and builds the probes' target, whose validation batches are scored before anything trains.
    // Returns the checked settings (for the sweep) and the probes' target: it trains on the training loss (the sweep's
    // validation batches, if any, would only slow each probe step).
    private static (TorchSharpLrFinderOptions Settings, TorchSharpSweepTarget ProbeTarget) CheckedProbeTarget(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> lossFunction,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        IReadOnlyList<(Tensor Input, Tensor Target)> validationBatches,
        int budgetSteps,
        TorchSharpLrFinderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(lossFunction);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(validationBatches);
        if (budgetSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetSteps), budgetSteps, "must be at least 1.");
        }

        var settings = options?.Clone() ?? new TorchSharpLrFinderOptions();
        settings.Validate();
        if (validationBatches.Count == 0)
        {
            throw new ArgumentException("must not be empty.", nameof(validationBatches));
        }

        for (int i = 0; i < validationBatches.Count; i++)
        {
            if (validationBatches[i].Input is null || validationBatches[i].Target is null)
            {
                throw new ArgumentException(FormattableString.Invariant($"holds a null tensor in batch {i}."), nameof(validationBatches));
            }
        }

        if (optimizer is not OptimizerHelper snapshotable)
        {
            throw new NotSupportedException(
                $"The optimizer {optimizer.GetType().Name} cannot be saved and restored; use one derived from OptimizerHelper (Adam, AdamW, SGD, RMSprop, …).");
        }

        var probeSettings = settings.Clone();
        probeSettings.ValidationBatches = null;
        var target = new TorchSharpSweepTarget(model, snapshotable, lossFunction, batches, probeSettings);
        CheckScorable(target, validationBatches);
        return (settings, target);
    }

    // Scores the validation batches once on a snapshot (restored at once), so that bad held-out data fails before any training
    // with a message that names it, rather than in the middle of the first probe.
    private static void CheckScorable(TorchSharpSweepTarget target, IReadOnlyList<(Tensor Input, Tensor Target)> validationBatches)
    {
        double loss;
        target.Snapshot();
        try
        {
            loss = target.ValidationLoss(validationBatches);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LrSweepRunner.RestoreAfter(target, failure);
            throw new ArgumentException($"could not be scored by the model and loss function: {failure.Message}", nameof(validationBatches), failure);
        }

        target.Restore();
        if (!double.IsFinite(loss))
        {
            throw new ArgumentException(
                FormattableString.Invariant($"scores a non-finite loss ({loss}) before any training; check its inputs and targets."), nameof(validationBatches));
        }
    }
}
