namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>The tuning step on one (task, budget, seed) with one probe schedule and one configuration, and what training at its choice gave.</summary>
/// <param name="Task">The task's name.</param>
/// <param name="Budget">The budget's name (one-cycle or constant).</param>
/// <param name="Seed">The seed.</param>
/// <param name="ProbeSchedule">How the probes shaped the rate: <c>constant</c> or <c>one-cycle</c> (the budget's cycle compressed into the probe).</param>
/// <param name="Configuration">The tuning configuration; null for the untuned selection the candidates are centred on.</param>
/// <param name="SelectedLearningRate">lagfree's selection for the budget's schedule, the centre of the candidates.</param>
/// <param name="ChosenLearningRate">The candidate with the lowest validation loss (the selection when every probe diverged).</param>
/// <param name="TestLoss">The final test loss of the whole budget at the chosen rate (+∞ when it diverged).</param>
/// <param name="OracleTestLoss">The final test loss at the grid's oracle.</param>
/// <param name="Steps">Sweep iterations plus every probe's optimizer steps.</param>
/// <param name="GridSteps">The grid's optimizer steps (grid points × budget steps).</param>
/// <param name="Elapsed">Wall time of the sweep plus every probe.</param>
/// <param name="GridElapsed">Wall time of the grid.</param>
internal sealed record TuneRecord(
    string Task,
    string Budget,
    int Seed,
    string ProbeSchedule,
    TuneConfiguration? Configuration,
    double SelectedLearningRate,
    double ChosenLearningRate,
    double TestLoss,
    double OracleTestLoss,
    int Steps,
    int GridSteps,
    TimeSpan Elapsed,
    TimeSpan GridElapsed)
{
    /// <summary>Test loss at the chosen rate ÷ test loss at the oracle, as every method's regret.</summary>
    public double Regret => TestLoss / OracleTestLoss;

    /// <summary>(Sweep + probe) steps ÷ grid steps.</summary>
    public double StepRatio => (double)Steps / GridSteps;

    /// <summary>(Sweep + probe) wall time ÷ grid wall time.</summary>
    public double TimeRatio => Elapsed.TotalSeconds / GridElapsed.TotalSeconds;
}
