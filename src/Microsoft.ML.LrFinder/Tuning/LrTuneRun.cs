using System.Diagnostics;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// One call of <see cref="LrTuneRunner.Run"/> after its arguments are checked: what both tuning strategies (successive halving
/// and the single round) read.
/// </summary>
/// <param name="Target">What to probe; it is left as it was after every probe.</param>
/// <param name="FinderResult">The sweep being tuned; it selected a learning rate.</param>
/// <param name="BudgetSteps">The optimizer steps of the real fit, at least 1.</param>
/// <param name="Settings">The validated copy of the caller's options.</param>
/// <param name="Progress">Receives one report per completed probe, or null.</param>
/// <param name="Stopwatch">Started when the call began; every progress report and the result give its elapsed time.</param>
/// <param name="CancellationToken">Checked before each probe and passed to the target.</param>
internal sealed record LrTuneRun(
    ILrProbeTarget Target,
    LrFinderResult FinderResult,
    int BudgetSteps,
    LrTuneOptions Settings,
    IProgress<LrTuneProgress>? Progress,
    Stopwatch Stopwatch,
    CancellationToken CancellationToken);
