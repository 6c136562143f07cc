using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>The tuning step for any TorchSharp module: sweep, then confirm the learning rate on held-out batches.</summary>
public static partial class TorchSharpLrFinder
{
    /// <summary>
    /// Sweeps <paramref name="model"/>, then probes a few candidate learning rates around the selected one with a short fit each
    /// (a <see cref="LrTuneOptions.ProbeFraction"/> of <paramref name="budgetSteps"/>, at a constant learning rate, from the
    /// state the model is in now) and chooses the one whose loss on <paramref name="validationBatches"/> is lowest.
    /// </summary>
    /// <param name="model">The model; its output is the loss function's first argument.</param>
    /// <param name="optimizer">The optimizer that trains it; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="lossFunction">(prediction, target) → a single-value loss tensor; also scores the validation batches.</param>
    /// <param name="batches">Training (input, target) pairs; every probe starts from the first, and a short source is cycled.</param>
    /// <param name="validationBatches">Held-out (input, target) pairs scoring each probe (evaluation mode, no gradients); not empty. Never disposed.</param>
    /// <param name="budgetSteps">The optimizer steps of the real fit the learning rate is for; at least 1.</param>
    /// <param name="options">The sweep settings; default null: <see cref="LrFinderDefaults"/>. Its seed also seeds each probe.</param>
    /// <param name="tuneOptions">The candidates and the probe length; default null: <see cref="LrTuneDefaults"/>.</param>
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
        LrTuneOptions? tuneOptions = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var (settings, target) = CheckedProbeTarget(model, optimizer, lossFunction, batches, validationBatches, budgetSteps, options, tuneOptions);
        var sweep = Find(model, optimizer, lossFunction, batches, settings, progress: null, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return LrTuneRunner.Run(new LrSweepTargetProbe(target, () => target.ValidationLoss(validationBatches)), sweep, budgetSteps, tuneOptions, progress, cancellationToken);
    }

    /// <summary>
    /// Probes the candidate learning rates around the selected one of a sweep already run on <paramref name="model"/> (for
    /// example with <see cref="Find(nn.Module{Tensor, Tensor}, optim.Optimizer, Func{Tensor, Tensor, Tensor}, IEnumerable{ValueTuple{Tensor, Tensor}}, LrFinderOptions?, IProgress{LrFinderProgress}?, CancellationToken)"/>
    /// and a progress report), and chooses the one whose loss on <paramref name="validationBatches"/> is lowest.
    /// </summary>
    /// <param name="model">The model the sweep ran on, in the state the real fit starts from.</param>
    /// <param name="optimizer">The optimizer that trains it; derived from <see cref="OptimizerHelper"/>.</param>
    /// <param name="lossFunction">(prediction, target) → a single-value loss tensor; also scores the validation batches.</param>
    /// <param name="batches">Training (input, target) pairs; every probe starts from the first, and a short source is cycled.</param>
    /// <param name="validationBatches">Held-out (input, target) pairs scoring each probe; not empty. Never disposed.</param>
    /// <param name="budgetSteps">The optimizer steps of the real fit the learning rate is for; at least 1.</param>
    /// <param name="sweep">The sweep's result; when it selected nothing, no probe runs and the result says so.</param>
    /// <param name="options">How one step trains (accumulation, clipping) and the seed of each probe; default null: one batch per step, no clipping, no seed.</param>
    /// <param name="tuneOptions">The candidates and the probe length; default null: <see cref="LrTuneDefaults"/>.</param>
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
        LrFinderResult sweep,
        TorchSharpLrFinderOptions? options = null,
        LrTuneOptions? tuneOptions = null,
        IProgress<LrTuneProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var (_, target) = CheckedProbeTarget(model, optimizer, lossFunction, batches, validationBatches, budgetSteps, options, tuneOptions);
        return LrTuneRunner.Run(new LrSweepTargetProbe(target, () => target.ValidationLoss(validationBatches)), sweep, budgetSteps, tuneOptions, progress, cancellationToken);
    }

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
        TorchSharpLrFinderOptions? options,
        LrTuneOptions? tuneOptions)
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
        (tuneOptions ?? new LrTuneOptions()).Validate();
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
