namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>Live native tensors and resident memory before and after many sweeps in one process, against a control.</summary>
/// <param name="Sweeps">Sweeps run between the two readings.</param>
/// <param name="TensorsBefore">TorchSharp's live tensor count (<c>Tensor.TotalCount</c>) before the sweeps.</param>
/// <param name="TensorsAfter">The same after the sweeps.</param>
/// <param name="ControlGrowth">Growth of the live tensor count over the same number of plain training loops (the control).</param>
/// <param name="ThreadLiveGrowth">
/// Growth of the thread's live tensors by TorchSharp's dispose-scope statistics (created − disposed, in and out of scopes) over
/// the sweeps: 0 when every tensor a sweep made was freed.
/// </param>
/// <param name="RssBefore">Resident bytes before the sweeps (after warm-up sweeps).</param>
/// <param name="RssAfter">Resident bytes after the sweeps.</param>
internal sealed record LeakResult(int Sweeps, long TensorsBefore, long TensorsAfter, long ControlGrowth, long ThreadLiveGrowth, long RssBefore, long RssAfter)
{
    public const double RssGrowthTarget = 0.05;

    public long TensorGrowth => TensorsAfter - TensorsBefore;

    public double RssGrowth => (double)(RssAfter - RssBefore) / RssBefore;

    public bool Met => TensorGrowth <= Math.Max(0, ControlGrowth) && ThreadLiveGrowth <= 0 && RssGrowth < RssGrowthTarget;
}
