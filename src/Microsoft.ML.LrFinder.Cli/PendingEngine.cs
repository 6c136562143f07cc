using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Cli;

// Temporary stand-in for the engine branch's API until it is merged (names mirror LrSuggestionMethods, LrCurveAnalysis).
internal static class PendingEngine
{
    public static LrFinderResult Find(
        nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, nn.Module<Tensor, Tensor, Tensor> loss, IEnumerable<(Tensor, Tensor)> batches,
        LrFinderOptions options, IProgress<LrFinderProgress> progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{model}{optimizer}{loss}{batches}{options}{progress}{cancellationToken}");
}
