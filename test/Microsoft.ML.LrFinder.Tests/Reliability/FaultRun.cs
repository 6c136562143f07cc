using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>What one fault-matrix sweep did: the state before and after, the outcome and what it left behind.</summary>
internal sealed class FaultRun
{
    public byte[][] StateBefore { get; init; } = [];

    public byte[][] StateAfter { get; set; } = [];

    public byte[] RandomStateBefore { get; init; } = [];

    public byte[] RandomStateAfter { get; set; } = [];

    public LrFinderResult? Result { get; set; }

    public Exception? Thrown { get; set; }

    public IReadOnlyList<string> LeftBehind { get; set; } = [];

    /// <summary>The bytes of torch's default CPU generator state.</summary>
    public static byte[] RandomState()
    {
        using var state = random.get_rng_state();
        return state.bytes.ToArray();
    }
}
