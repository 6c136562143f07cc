using Microsoft.ML.LrFinder.Benchmarks.Reporting;

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

    /// <summary>
    /// Each leak this measurement found, in words; empty when there was none. The benchmark fails on any of them (it used to
    /// print the figures only).
    /// </summary>
    public IEnumerable<string> MissedTargets()
    {
        if (TensorGrowth > Math.Max(0, ControlGrowth))
        {
            yield return Format.Invariant($"{TensorGrowth:+0;-0;0} live tensors after {Sweeps} sweeps (control {ControlGrowth:+0;-0;0}; target: no more than the control)");
        }

        if (ThreadLiveGrowth > 0)
        {
            yield return Format.Invariant($"{ThreadLiveGrowth:+0} tensors left alive on the sweeping thread (target 0)");
        }

        if (!(RssGrowth < RssGrowthTarget))
        {
            yield return Format.Invariant($"RSS grew {Format.Percent(RssGrowth)} over {Sweeps} sweeps (target < {RssGrowthTarget:P0})");
        }
    }
}
