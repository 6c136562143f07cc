namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>
/// Which probe schedule tunes which budget, pooled over both budgets: one way a library could probe, so one set of defaults
/// is chosen for it.
/// </summary>
/// <param name="Name">In a few words, for the tables.</param>
/// <param name="Includes">Whether a record (budget, probe schedule) belongs to the pairing.</param>
internal sealed record TunePairing(string Name, Func<TuneRecord, bool> Includes)
{
    /// <summary>The probe follows the budget's schedule: constant probes for the constant budget, compressed cycles for the one-cycle budget.</summary>
    public static TunePairing FollowsSchedule { get; } = new("probe follows the budget's schedule", r => r.ProbeSchedule == r.Budget);

    /// <summary>Every probe at a constant rate, whatever the budget.</summary>
    public static TunePairing ConstantRate { get; } = new("constant-rate probe on both budgets", r => r.ProbeSchedule == Tasks.TrainingBudget.Constant.Name);

    /// <summary>
    /// Every probe the library runs: its generic probe at a constant rate on both budgets, and the ML.NET trainers' probe (their own
    /// one-cycle fit) on the one-cycle budget. One set of defaults serves both, so this pairing chooses them.
    /// </summary>
    public static TunePairing AsTheLibraryProbes { get; } = new("as the library probes: constant (generic) and one-cycle (ML.NET trainers)", _ => true);

    /// <summary>Every pairing, in report order.</summary>
    public static IReadOnlyList<TunePairing> All { get; } = [FollowsSchedule, ConstantRate, AsTheLibraryProbes];
}
