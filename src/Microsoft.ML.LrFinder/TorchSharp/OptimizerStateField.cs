using static TorchSharp.torch;
using TorchSharp.Modules;

namespace Microsoft.ML.LrFinder;

/// <summary>One field of an optimizer's per-parameter state object (a tensor or a plain value), read and written by the snapshot.</summary>
internal sealed class OptimizerStateField
{
    private readonly Func<OptimizerState, object?> read;
    private readonly Action<OptimizerState, object?> write;

    /// <param name="holdsTensor">Whether the field holds a <see cref="Tensor"/> (else a value type or a string).</param>
    /// <param name="read">Reads the field of a state object.</param>
    /// <param name="write">Writes the field of a state object.</param>
    public OptimizerStateField(bool holdsTensor, Func<OptimizerState, object?> read, Action<OptimizerState, object?> write)
    {
        HoldsTensor = holdsTensor;
        this.read = read;
        this.write = write;
    }

    /// <summary>Whether the field holds a <see cref="Tensor"/> (else a value type or a string).</summary>
    public bool HoldsTensor { get; }

    /// <summary>The field's value in <paramref name="state"/>.</summary>
    public object? Read(OptimizerState state) => read(state);

    /// <summary>Sets the field's value in <paramref name="state"/>.</summary>
    public void Write(OptimizerState state, object? value) => write(state, value);
}
