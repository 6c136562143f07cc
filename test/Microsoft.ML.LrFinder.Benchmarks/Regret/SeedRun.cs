namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>
/// Everything measured on one (task, budget, seed): the grid under that budget, the sweep (one per (task, seed), shared by the
/// budgets: the finder does not know how its rate will be used) and each method's regret.
/// </summary>
internal sealed record SeedRun(
    string Task,
    string Budget,
    int Seed,
    GridResult Grid,
    LrFinderResult Sweep,
    TimeSpan SweepElapsed,
    IReadOnlyList<RegretRecord> Records)
{
    /// <summary>The sweeps of every length of <see cref="RunRecorder.SweepLengths"/> (the default one is <see cref="Sweep"/>).</summary>
    public IReadOnlyList<LrFinderResult> LengthSweeps { get; init; } = [];

    /// <summary>The tuning step under this budget: every probe schedule and configuration, and the untuned selection (TorchSharp tasks only).</summary>
    public IReadOnlyList<Tuning.TuneRecord> Tunes { get; init; } = [];

    /// <summary>Sweep steps ÷ grid steps.</summary>
    public double StepRatio => (double)Sweep.IterationsRun / Grid.Steps;

    /// <summary>Sweep wall time ÷ grid wall time (the grid stops diverged runs early, so this ratio is conservative).</summary>
    public double TimeRatio => SweepElapsed.TotalSeconds / Grid.Elapsed.TotalSeconds;
}
