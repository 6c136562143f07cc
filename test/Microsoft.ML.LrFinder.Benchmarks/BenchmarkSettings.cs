namespace Microsoft.ML.LrFinder.Benchmarks;

/// <summary>What one run measures and how much: the quick run (default) or the full suite (<c>--full</c>).</summary>
internal sealed class BenchmarkSettings
{
    public bool Full { get; init; }

    public string ModeName => Full ? "full" : "quick";

    /// <summary>Seeds of the regret suite (each gives another split, initialisation and batch order).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1];

    /// <summary>The number of log-spaced grid learning rates from <see cref="GridStart"/> to <see cref="GridEnd"/>.</summary>
    public int GridCount { get; init; } = 13;

    public double GridStart { get; init; } = 1e-5;

    public double GridEnd { get; init; } = 1e1;

    /// <summary>Task names of the regret suite; null runs every task.</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    /// <summary>The task names <c>--tasks</c> gave; null when it was not given (the record section then records every TorchSharp task).</summary>
    public IReadOnlyList<string>? ExplicitTasks { get; init; }

    /// <summary>Whether ML.NET's TextClassification joins the regret suite and the overhead benchmark (slow: seconds per step).</summary>
    public bool IncludeTextClassification { get; init; }

    /// <summary>Seeds of the TextClassification task (the first ones of <see cref="Seeds"/>).</summary>
    public int TextClassificationSeeds { get; init; } = 3;

    /// <summary>TextClassification trains at about this many of the grid's points, evenly strided (of 25 points: every 2nd, 2 per decade).</summary>
    public int TextClassificationGridPoints { get; init; } = 13;

    /// <summary>Rounds of the TextClassification overhead benchmark.</summary>
    public int TrainerOverheadRounds { get; init; } = 5;

    /// <summary>Interleaved rounds (plain loop, sweep) of the overhead benchmark.</summary>
    public int OverheadRounds { get; init; } = 40;

    /// <summary>Steps per round of the overhead benchmark.</summary>
    public int OverheadSteps { get; init; } = 100;

    /// <summary>Repetitions of snapshot + restore on the large model.</summary>
    public int SnapshotRepetitions { get; init; } = 5;

    /// <summary>Sweeps in one process for the leak check.</summary>
    public int LeakSweeps { get; init; } = 50;

    /// <summary>Which sections run: overhead, snapshot, leaks, earlystop, regret.</summary>
    public IReadOnlySet<string> Sections { get; init; } = new HashSet<string>(AllSections, StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the markdown goes; null leaves docs/benchmarks.md alone.</summary>
    public string? OutputPath { get; init; }

    /// <summary>
    /// Where every (task, seed) is saved as JSON (<c>--save-runs</c>): the record section writes there, and the regret section
    /// too when it is set. Null saves nothing.
    /// </summary>
    public string? SaveRunsDirectory { get; init; }

    /// <summary>Seeds of the record section: 8 by default, enough to see a rule's spread per task; <c>--seeds</c> sets both suites'.</summary>
    public IReadOnlyList<int> RecordSeeds { get; init; } = [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>
    /// Grid points of the record section, log-spaced from <see cref="RecordGridStart"/> to <see cref="GridEnd"/>: 43 is 6 per
    /// decade over 1e-6 … 1e1, a decade lower than the regret grid so that the constant budget's best rates (below a one-cycle
    /// peak) stay inside it. <c>--grid</c> sets both suites'.
    /// </summary>
    public int RecordGridCount { get; init; } = 43;

    public double RecordGridStart { get; init; } = 1e-6;

    public const string TextClassificationTaskName = "detox-textclassification";

    /// <summary>The sections a plain run (no <c>--only</c>) runs.</summary>
    public static IReadOnlyList<string> AllSections { get; } = ["overhead", "snapshot", "leaks", "earlystop", "regret"];

    /// <summary>Every section <c>--only</c> accepts: the plain run's and <c>record</c>, which only saves runs for replay.</summary>
    public static IReadOnlyList<string> KnownSections { get; } = [.. AllSections, "record"];

    public static BenchmarkSettings Quick(string? outputPath) => new()
    {
        OutputPath = outputPath,
        Tasks = ["digits-mlp", "iris-mlp", "housing-mlp"],
    };

    public static BenchmarkSettings FullSuite(string? outputPath) => new()
    {
        Full = true,
        OutputPath = outputPath,
        // 5 seeds and the 25-point grid the tuning step is measured against (its compute target is a fraction of a 25-point
        // grid) keep the whole suite, 11 tasks under two budgets and TextClassification, near an hour on two cores.
        Seeds = [1, 2, 3, 4, 5],
        GridCount = 25,
        IncludeTextClassification = true,
        OverheadRounds = 60,
        TrainerOverheadRounds = 12,
        SnapshotRepetitions = 10,
        LeakSweeps = 200,
    };

    public bool Runs(string section) => Sections.Contains(section);

    /// <summary>A copy with the given settings replaced (command-line overrides).</summary>
    public BenchmarkSettings With(
        IEnumerable<string>? sections = null,
        IReadOnlyList<int>? seeds = null,
        int? gridCount = null,
        IReadOnlyList<string>? tasks = null,
        string? saveRunsDirectory = null,
        bool noOutput = false,
        int? trainerOverheadRounds = null) => new()
    {
        Full = Full,
        Seeds = seeds ?? Seeds,
        RecordSeeds = seeds ?? RecordSeeds,
        GridCount = gridCount ?? GridCount,
        RecordGridCount = gridCount ?? RecordGridCount,
        RecordGridStart = RecordGridStart,
        SaveRunsDirectory = saveRunsDirectory ?? SaveRunsDirectory,
        GridStart = GridStart,
        GridEnd = GridEnd,
        Tasks = tasks ?? Tasks,
        ExplicitTasks = tasks ?? ExplicitTasks,
        IncludeTextClassification = IncludeTextClassification || (tasks?.Contains(TextClassificationTaskName, StringComparer.OrdinalIgnoreCase) ?? false),
        TextClassificationSeeds = TextClassificationSeeds,
        TextClassificationGridPoints = TextClassificationGridPoints,
        TrainerOverheadRounds = trainerOverheadRounds ?? TrainerOverheadRounds,
        OverheadRounds = OverheadRounds,
        OverheadSteps = OverheadSteps,
        SnapshotRepetitions = SnapshotRepetitions,
        LeakSweeps = LeakSweeps,
        Sections = sections is null ? Sections : new HashSet<string>(sections, StringComparer.OrdinalIgnoreCase),
        OutputPath = noOutput ? null : OutputPath,
    };
}
