namespace Microsoft.ML.LrFinder;

/// <summary>The default value of every <see cref="LrTuneOptions"/> setting, in one place.</summary>
/// <remarks>
/// <para>
/// The budget of successive halving was chosen on the tuning comparison at equal compute (docs/tuning.md and
/// docs/benchmarks.md, made by <c>./build.sh bench tune</c> on the recorded runs of 20 tasks from 12 data sources): of budgets
/// of 1, 2 and 3 fits, leave-one-source-out (the budget with the lowest mean + worst regret on the other sources, within 0.15
/// of a 25-point grid's compute) chose 3 fits in 11 of 12 folds.
/// </para>
/// <para>
/// The single-round step's candidates and probe length were chosen on the regret benchmark's tuning tables (docs/benchmarks.md, made by
/// <c>./build.sh bench --only regret</c>): of 2, 3 and 4 candidates, spacing 2 and 3 and probes of 0.1 and 0.25 of the budget, the
/// configuration with the lowest mean regret, chosen leave-one-task-out, was 2 candidates at spacing 3 with probes of a quarter
/// of the budget in 6 of the 7 folds. Candidates above the selected rate looked good in short probes and then, on an SGD task,
/// diverged or overfitted over the whole budget. docs/tuning.md gives the figures.
/// </para>
/// </remarks>
public static class LrTuneDefaults
{
    /// <summary>
    /// What successive halving spends, as a multiple of the real fit's optimizer steps: 3 (the probes together train as many
    /// steps as three real fits; with the sweep, about 0.14 of a 25-point grid search's steps in the benchmark).
    /// </summary>
    public const double Budget = 3;

    /// <summary>The number of candidate learning rates the single-round step probes: 2 (the selected rate and the one a spacing below it).</summary>
    public const int CandidateCount = 2;

    /// <summary>The ratio between neighbouring candidates of the single-round step: 3 (about half a decade).</summary>
    public const double CandidateSpacing = 3;

    /// <summary>The share of the real training budget each probe of the single-round step trains for: 0.25.</summary>
    public const double ProbeFraction = 0.25;

    /// <summary>The share of the training rows held out to score probes when no validation data is given (ML.NET trainers): 0.2.</summary>
    public const double HoldOutFraction = 0.2;

    /// <summary>The seed of the split that holds rows out (ML.NET trainers): 0.</summary>
    public const int HoldOutSeed = 0;
}
