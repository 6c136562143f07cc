namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>One arm on one unit (task, seed, training budget): the rate it chose, its regret and its compute.</summary>
/// <param name="Task">The task.</param>
/// <param name="Source">The task's data source (what leave-one-source-out holds out together).</param>
/// <param name="Schedule">The training budget's schedule: <c>one-cycle</c> or <c>constant</c>.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Arm">The arm.</param>
/// <param name="Selected">The sweep's selection for the schedule.</param>
/// <param name="Chosen">The arm's rate (the selection when it chose nothing).</param>
/// <param name="Regret">Test loss at <paramref name="Chosen"/>, read on the recorded grid, ÷ the test loss at the grid's oracle.</param>
/// <param name="Steps">Sweep iterations plus every probe's steps.</param>
/// <param name="GridSteps">25 × the real fit's steps: what a 25-point grid search costs.</param>
/// <param name="Probes">The probes run.</param>
internal sealed record TuneOutcome(
    string Task, string Source, string Schedule, int Seed, TuneArm Arm, double Selected, double Chosen, double Regret, int Steps, int GridSteps, int Probes)
{
    /// <summary>The arm's compute ÷ a 25-point grid's.</summary>
    public double Compute => (double)Steps / GridSteps;
}
