namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>Everything measured on one (task, seed): the grid, the sweep and each method's regret.</summary>
internal sealed record SeedRun(
    string Task,
    int Seed,
    GridResult Grid,
    LrFinderResult Sweep,
    TimeSpan SweepElapsed,
    IReadOnlyList<RegretRecord> Records)
{
    /// <summary>Sweep steps ÷ grid steps.</summary>
    public double StepRatio => (double)Sweep.IterationsRun / Grid.Steps;

    /// <summary>Sweep wall time ÷ grid wall time (the grid stops diverged runs early, so this ratio is conservative).</summary>
    public double TimeRatio => SweepElapsed.TotalSeconds / Grid.Elapsed.TotalSeconds;
}
