using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// A copy of an optimizer's state (per-parameter tensors such as Adam's moments and SGD's momentum buffers, step counts) and of
/// its parameter groups' options, put back bit for bit by <see cref="Restore"/>. Each state tensor is cloned once and copied
/// back into the optimizer's own tensor, so a restore allocates nothing and the copy stays valid for the next one. An
/// optimizer whose state holds anything but tensors and plain values (LBFGS's history lists) is serialised instead.
/// </summary>
/// <remarks>
/// Not through <c>load_state_dict(StateDictionary)</c>: TorchSharp 0.107's state objects take the source's tensors by
/// reference there (Adam's <c>State.LoadStateDict</c>), which would hand the optimizer the copy itself.
/// </remarks>
internal sealed class OptimizerStateCopy : IDisposable
{
    private readonly OptimizerHelper optimizer;
    private readonly byte[]? serialised;
    private readonly (OptimizerStateField Field, object? Value)[][] states = [];
    private readonly OptimizerOptions[] options = [];
    private readonly List<Tensor> owned = [];

    public OptimizerStateCopy(OptimizerHelper optimizer)
    {
        this.optimizer = optimizer;
        var live = optimizer.state_dict();
        var fields = live.State.Select(OptimizerStateInternals.Fields).ToArray();
        if (fields.Any(f => f is null))
        {
            serialised = Serialise(optimizer);
            return;
        }

        try
        {
            using (no_grad())
            {
                states = live.State.Zip(fields, (state, stateFields) => stateFields!.Select(f => (f, CopyValue(f.Read(state)))).ToArray()).ToArray();
            }

            options = live.Options.Select(OptimizerStateInternals.Copy).ToArray();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Puts the copied state and options back into the optimizer.</summary>
    public void Restore()
    {
        if (serialised is not null)
        {
            using var reader = new BinaryReader(new MemoryStream(serialised, writable: false));
            optimizer.load_state_dict(reader);
            return;
        }

        var live = optimizer.state_dict();
        if (live.State.Count != states.Length || live.Options.Count != options.Length)
        {
            throw new InvalidOperationException("The optimizer's parameters or parameter groups changed since the snapshot.");
        }

        using (no_grad())
        {
            for (int i = 0; i < states.Length; i++)
            {
                foreach (var (field, value) in states[i])
                {
                    RestoreValue(live.State[i], field, value);
                }
            }
        }

        for (int i = 0; i < options.Length; i++)
        {
            live.Options[i].LoadStateDict(options[i]);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in owned)
        {
            tensor.Dispose();
        }

        owned.Clear();
    }

    private static byte[] Serialise(OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }

        return stream.ToArray();
    }

    private static void RestoreValue(OptimizerState state, OptimizerStateField field, object? saved)
    {
        if (!field.HoldsTensor)
        {
            field.Write(state, saved);
            return;
        }

        var current = (Tensor?)field.Read(state);
        var copy = (Tensor?)saved;
        if (copy is not null && current is not null && current.dtype == copy.dtype && current.shape.SequenceEqual(copy.shape))
        {
            current.copy_(copy);
            return;
        }

        // Created or dropped since the snapshot (AMSGrad's running maximum, a momentum buffer): the optimizer owns a fresh tensor.
        field.Write(state, copy?.clone().DetachFromDisposeScope());
        current?.Dispose();
    }

    private object? CopyValue(object? value)
    {
        if (value is not Tensor tensor)
        {
            return value;
        }

        using var detached = tensor.detach();
        var copy = detached.clone().DetachFromDisposeScope();
        owned.Add(copy);
        return copy;
    }
}
