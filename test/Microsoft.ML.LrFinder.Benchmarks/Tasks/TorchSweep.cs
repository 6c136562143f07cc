using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>The one place the benchmarks call the library's generic TorchSharp finder.</summary>
internal static class TorchSweep
{
    public static LrFinderResult Run(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> loss,
        BatchSet batches,
        LrFinderOptions options) =>
        TorchSharpLrFinder.Find(model, optimizer, loss, batches.Batches, options.CopyTo(new TorchSharpLrFinderOptions()));

    /// <summary>The sweep target <see cref="TorchSharpLrFinder"/> builds, to time its snapshot and restore on their own.</summary>
    public static ILrSweepTarget CreateTarget(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss, BatchSet batches) =>
        new TorchSharpSweepTarget(model, (OptimizerHelper)optimizer, loss, batches.Batches, new TorchSharpLrFinderOptions());
}
