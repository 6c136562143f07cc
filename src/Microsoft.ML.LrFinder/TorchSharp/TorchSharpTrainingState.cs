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
/// Memory: one copy of the parameters (and of their gradients when they exist) and buffers as tensors on their device, plus
/// the optimizer state serialised into a managed byte array (for Adam, two more parameter-sized tensors). The copies are
/// detached from any dispose scope, so a scope around the caller does not free them early; <see cref="Dispose"/> frees them.
/// The optimizer state is copied through <see cref="OptimizerHelper.save_state_dict(BinaryWriter)"/>, because
/// <c>state_dict()</c> returns live references.
/// </remarks>
internal sealed class TorchSharpTrainingState : IDisposable
{
    private readonly nn.Module model;
    private readonly OptimizerHelper optimizer;
    private readonly Parameter[] parameters;
    private readonly Tensor[] parameterCopies;
    private readonly Tensor?[] gradientCopies;
    private readonly Tensor[] buffers;
    private readonly Tensor[] bufferCopies;
    private readonly byte[] optimizerState;
    private readonly (double LearningRate, double InitialLearningRate)[] learningRates;
    private readonly (nn.Module Module, bool Training)[] trainingFlags;
    private readonly Tensor randomState;
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
                gradientCopies = parameters.Select(CopyGradient).ToArray();
                bufferCopies = buffers.Select(Copy).ToArray();
            }

            using (var stream = new MemoryStream())
            {
                using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
                {
                    optimizer.save_state_dict(writer);
                }

                optimizerState = stream.ToArray();
            }

            learningRates = optimizer.ParamGroups.Select(g => (g.LearningRate, g.InitialLearningRate)).ToArray();

            // named_modules lists every module after its ancestors, so setting them in this order (train() recurses)
            // leaves each with its own flag.
            trainingFlags = new[] { model }.Concat(model.modules()).Select(m => (m, m.training)).ToArray();
            using var generator = Generator.Default;
            randomState = Own(generator.get_state());
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
                RestoreGradient(parameters[i], gradientCopies[i]);
            }

            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i].copy_(bufferCopies[i]);
            }
        }

        using (var reader = new BinaryReader(new MemoryStream(optimizerState, writable: false)))
        {
            optimizer.load_state_dict(reader);
        }

        foreach (var (group, (learningRate, initialLearningRate)) in optimizer.ParamGroups.Zip(learningRates))
        {
            group.LearningRate = learningRate;
            group.InitialLearningRate = initialLearningRate;
        }

        foreach (var (module, training) in trainingFlags)
        {
            module.train(training);
        }

        using var generator = Generator.Default;
        generator.set_state(randomState);
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

    private Tensor? CopyGradient(Parameter parameter)
    {
        using var gradient = parameter.grad;
        return gradient is null ? null : Copy(gradient);
    }

    private static void RestoreGradient(Parameter parameter, Tensor? saved)
    {
        using var gradient = parameter.grad;
        if (saved is null)
        {
            if (gradient is not null)
            {
                parameter.grad = null;
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
