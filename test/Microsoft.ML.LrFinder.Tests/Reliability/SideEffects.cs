using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// Watches what a piece of code leaves behind: native tensors still alive (this thread's dispose-scope statistics and the
/// process-wide tensor count, both compared with the moment the watch started), files in the temp folder (pointed at a
/// private, empty folder for the duration through TMPDIR) and new entries in the working folder.
/// </summary>
/// <remarks>
/// <para>
/// The generic finder is held to zero: without a forced garbage collection, a tensor that was dropped rather than disposed
/// still counts as alive, which is exactly the leak to catch. Every tensor created inside a dispose scope must be disposed
/// by it (the in-scope balance).
/// </para>
/// <para>
/// An ML.NET trainer leaves a constant number of tensor wrappers per model it builds, in a plain <c>Fit</c> as in a sweep
/// (some of them in the process, where no collection releases them, even after the MLContext is gone). There the
/// expected counts come from a control sweep without a fault: the thread's count must match it exactly, the process's may
/// not exceed it; both ends of the watch force collections so that finalizers of earlier garbage do not move the
/// process-wide count. Tests using it must not run in parallel (TMPDIR and the tensor count are process-wide).
/// </para>
/// </remarks>
internal sealed class SideEffects : IDisposable
{
    private const string TempVariable = "TMPDIR";
    private readonly string? previousTemp;
    private readonly string[] workingFolderEntries;
    private readonly bool collect;
    private readonly long liveOnThread;
    private readonly long liveInProcess;
    private readonly long inScope;

    private SideEffects(bool collectGarbage)
    {
        collect = collectGarbage;
        TempFolder = Path.Combine(Path.GetTempPath(), "lrfinder-side-effects-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(TempFolder);
        previousTemp = Environment.GetEnvironmentVariable(TempVariable);
        Environment.SetEnvironmentVariable(TempVariable, TempFolder);
        if (!Path.GetFullPath(Path.GetTempPath()).StartsWith(TempFolder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Path.GetTempPath() does not follow TMPDIR on this platform.");
        }

        workingFolderEntries = WorkingFolderEntries();
        CollectIfAsked();
        var statistics = DisposeScopeManager.Statistics;
        liveOnThread = statistics.ThreadTotalLiveCount;
        liveInProcess = Tensor.TotalCount;
        inScope = InScope(statistics);
    }

    /// <summary>The private temp folder in force while watching.</summary>
    public string TempFolder { get; }

    /// <summary>Starts watching.</summary>
    /// <param name="collectGarbage">Force a full collection at both ends (for code that leaves finalizable garbage by design).</param>
    public static SideEffects Watch(bool collectGarbage = false) => new(collectGarbage);

    /// <summary>The tensors alive now minus at the start: on this thread, and in the process.</summary>
    public (long Thread, long Process) LiveTensors()
    {
        CollectIfAsked();
        return (DisposeScopeManager.Statistics.ThreadTotalLiveCount - liveOnThread, Tensor.TotalCount - liveInProcess);
    }

    /// <summary>What was left behind since the watch started; empty when nothing was.</summary>
    /// <param name="expectedLive">The live tensors a control run leaves (default none).</param>
    public IReadOnlyList<string> LeftBehind((long Thread, long Process) expectedLive = default)
    {
        var problems = new List<string>();
        var live = LiveTensors();
        // Fewer tensors in the process than the control is never a leak: the finalizers of tensors an earlier test dropped
        // run on the GC's schedule, so the process-wide count can fall during any test (seen in CI as "-2 in the process").
        bool processOk = live.Process <= expectedLive.Process;
        if (live.Thread != expectedLive.Thread || !processOk)
        {
            problems.Add($"native tensors left alive: {live.Thread} on this thread, {live.Process} in the process (expected {expectedLive.Thread}, at most {expectedLive.Process})");
        }

        long scopeBalance = InScope(DisposeScopeManager.Statistics) - inScope;
        if (scopeBalance != 0)
        {
            problems.Add($"tensors created in a dispose scope and not disposed by it: {scopeBalance}");
        }

        var temp = Directory.EnumerateFileSystemEntries(TempFolder, "*", SearchOption.AllDirectories).ToArray();
        if (temp.Length > 0)
        {
            problems.Add("temp files left: " + string.Join(", ", temp.Select(p => Path.GetRelativePath(TempFolder, p))));
        }

        var added = WorkingFolderEntries().Except(workingFolderEntries).ToArray();
        if (added.Length > 0)
        {
            problems.Add("new files in the working folder: " + string.Join(", ", added));
        }

        return problems;
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(TempVariable, previousTemp);
        Directory.Delete(TempFolder, recursive: true);
    }

    // Tensors a dispose scope holds now: created in one or attached to one, minus those it disposed or let go (an optimizer
    // detaches the state it creates inside the step's scope, for example SGD's momentum buffers).
    private static long InScope(ThreadDisposeScopeStatistics statistics) =>
        statistics.CreatedInScopeCount + statistics.AttachedToScopeCount - statistics.DisposedInScopeCount - statistics.DetachedFromScopeCount;

    private void CollectIfAsked()
    {
        // A module's finalizer releases its tensors' wrappers only on a later collection, so one round is not enough:
        // collect until the process-wide count stops moving.
        for (int round = 0; collect && round < 10; round++)
        {
            long before = Tensor.TotalCount;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (Tensor.TotalCount == before)
            {
                break;
            }
        }
    }

    private static string[] WorkingFolderEntries() =>
        Directory.EnumerateFileSystemEntries(Directory.GetCurrentDirectory()).Order(StringComparer.Ordinal).ToArray();
}
