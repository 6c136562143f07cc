using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// An in-memory copy of everything a training step changes in a TorchSharp model and optimizer, put back bit for bit by
/// <see cref="Restore"/>: parameters and their gradients, buffers (BatchNorm running statistics and batch counts), the
/// optimizer's state (Adam moments, step counts, momentum buffers) and options, each parameter group's learning rate,
/// every module's training flag and torch's default random generator.
/// </summary>
/// <remarks>
/// Memory: one copy of the parameters and buffers and of the optimizer's state tensors (for Adam, two more parameter-sized
/// tensors; <see cref="OptimizerStateCopy"/>), on their device: no more than the parameters plus the optimizer's state. A
/// gradient is copied only when it holds something other than +0 (a user accumulating gradients across batches); an all-zero
/// gradient is put back as zeros and a missing one as missing. The copies are detached from any dispose scope, so a scope
/// around the caller does not free them early; <see cref="Dispose"/> frees them.
/// </remarks>
internal sealed class TorchSharpTrainingState : IDisposable
{
    private readonly nn.Module model;
    private readonly OptimizerHelper optimizer;
    private readonly Parameter[] parameters;
    private readonly Tensor[] parameterCopies;
    private readonly Tensor?[] gradientCopies;
    private readonly bool[] hadGradient;
    private readonly Tensor[] buffers;
    private readonly Tensor[] bufferCopies;
    private readonly OptimizerStateCopy? optimizerState;
    private readonly (double LearningRate, double InitialLearningRate)[] learningRates;
    private readonly (nn.Module Module, bool Training)[] trainingFlags;
    private readonly TorchRandomState? randomState;
    private readonly List<Tensor> owned = [];
    private bool disposed;

    private TorchSharpTrainingState(nn.Module model, OptimizerHelper optimizer)
    {
        this.model = model;
        this.optimizer = optimizer;

        try
        {
            // The optimizer may hold parameters the model does not (or the reverse); both are saved, each once.
            parameters = model.parameters().Concat(optimizer.parameters()).DistinctBy(p => p.Handle).ToArray();
            buffers = model.buffers().ToArray();
            using (no_grad())
            {
                parameterCopies = parameters.Select(Copy).ToArray();
                hadGradient = new bool[parameters.Length];
                gradientCopies = parameters.Select((p, i) => CopyGradient(p, out hadGradient[i])).ToArray();
                bufferCopies = buffers.Select(Copy).ToArray();
            }

            optimizerState = new OptimizerStateCopy(optimizer);

            learningRates = optimizer.ParamGroups.Select(g => (g.LearningRate, g.InitialLearningRate)).ToArray();

            // named_modules lists every module after its ancestors, so setting them in this order (train() recurses)
            // leaves each with its own flag.
            trainingFlags = new[] { model }.Concat(model.modules()).Select(m => (m, m.training)).ToArray();
            randomState = TorchRandomState.Capture();
        }
        catch
        {
            // A half-taken snapshot is never restored; its copies must not outlive it.
            Dispose();
            throw;
        }
    }

    /// <summary>Copies the training state of <paramref name="model"/> and <paramref name="optimizer"/>.</summary>
    public static TorchSharpTrainingState Capture(nn.Module model, OptimizerHelper optimizer) => new(model, optimizer);

    /// <summary>Puts the copied state back. The copy stays valid: it can be restored again until it is disposed.</summary>
    public void Restore()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using (no_grad())
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i].copy_(parameterCopies[i]);
                RestoreGradient(parameters[i], hadGradient[i], gradientCopies[i]);
            }

            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i].copy_(bufferCopies[i]);
            }
        }

        optimizerState!.Restore();

        foreach (var (group, (learningRate, initialLearningRate)) in optimizer.ParamGroups.Zip(learningRates))
        {
            group.LearningRate = learningRate;
            group.InitialLearningRate = initialLearningRate;
        }

        foreach (var (module, training) in trainingFlags)
        {
            module.train(training);
        }

        randomState!.Restore();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var tensor in owned)
        {
            tensor.Dispose();
        }

        owned.Clear();
        optimizerState?.Dispose();
        randomState?.Dispose();
    }

    private Tensor Own(Tensor tensor)
    {
        owned.Add(tensor.DetachFromDisposeScope());
        return tensor;
    }

    private Tensor Copy(Tensor tensor)
    {
        using var detached = tensor.detach();
        return Own(detached.clone());
    }

    // Null when the parameter has no gradient or an all-zero one (+0 everywhere: what zero_grad leaves), which Restore rebuilds.
    private Tensor? CopyGradient(Parameter parameter, out bool exists)
    {
        using var gradient = parameter.grad;
        exists = gradient is not null;
        if (gradient is null)
        {
            return null;
        }

        bool holdsSomething;
        using (NewDisposeScope())
        {
            // One pass when the gradient holds something (the usual case); −0 counts as something, to restore it bit for bit.
            holdsSomething = gradient.any().item<bool>() || gradient.signbit().any().item<bool>();
        }

        // The copy is made outside that scope: a scope frees what it creates, and the copy must outlive it.
        return holdsSomething ? Copy(gradient) : null;
    }

    private static void RestoreGradient(Parameter parameter, bool existed, Tensor? saved)
    {
        using var gradient = parameter.grad;
        if (!existed)
        {
            if (gradient is not null)
            {
                parameter.grad = null;
            }
        }
        else if (saved is null)
        {
            if (gradient is not null)
            {
                gradient.zero_();
            }
            else
            {
                using var zeros = zeros_like(parameter);
                parameter.grad = zeros;
            }
        }
        else if (gradient is null)
        {
            // The parameter takes a reference to the native tensor; our copy's wrapper stays ours to dispose.
            using var fresh = saved.clone();
            parameter.grad = fresh;
        }
        else
        {
            gradient.copy_(saved);
        }
    }
}
