using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// Watches what a piece of code leaves behind: native tensors still alive (this thread's dispose-scope statistics and the
/// process-wide tensor count, both compared with the moment the watch started), files in the temp folder (pointed at a
/// private, empty folder for the duration through TMPDIR) and new entries in the working folder.
/// </summary>
/// <remarks>
/// Leaks are measured without forcing a garbage collection: a tensor that was dropped rather than disposed still counts as
/// alive until its finalizer runs, which is exactly the leak to catch. Tests using it must not run in parallel (TMPDIR and
/// the tensor count are process-wide).
/// </remarks>
internal sealed class SideEffects : IDisposable
{
    private const string TempVariable = "TMPDIR";
    private readonly string? previousTemp;
    private readonly string[] workingFolderEntries;
    private readonly long liveOnThread;
    private readonly long liveInProcess;

    private SideEffects()
    {
        TempFolder = Path.Combine(Path.GetTempPath(), "lrfinder-side-effects-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(TempFolder);
        previousTemp = Environment.GetEnvironmentVariable(TempVariable);
        Environment.SetEnvironmentVariable(TempVariable, TempFolder);
        if (!Path.GetFullPath(Path.GetTempPath()).StartsWith(TempFolder, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Path.GetTempPath() does not follow TMPDIR on this platform.");
        }

        workingFolderEntries = WorkingFolderEntries();
        liveOnThread = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        liveInProcess = Tensor.TotalCount;
    }

    /// <summary>The private temp folder in force while watching.</summary>
    public string TempFolder { get; }

    public static SideEffects Watch() => new();

    /// <summary>What was left behind since the watch started; empty when nothing was.</summary>
    public IReadOnlyList<string> LeftBehind()
    {
        var problems = new List<string>();
        long thread = DisposeScopeManager.Statistics.ThreadTotalLiveCount - liveOnThread;
        long process = Tensor.TotalCount - liveInProcess;
        if (thread != 0 || process != 0)
        {
            problems.Add($"native tensors left alive: {thread} on this thread, {process} in the process");
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

    private static string[] WorkingFolderEntries() =>
        Directory.EnumerateFileSystemEntries(Directory.GetCurrentDirectory()).Order(StringComparer.Ordinal).ToArray();
}
