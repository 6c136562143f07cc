namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// How a task's training budget uses the learning rate x it is given: as the peak of a one-cycle schedule, or as a constant rate
/// for every step. A good one-cycle peak is not a good constant rate (the cycle spends most of its steps well below its peak),
/// so the suite trains every TorchSharp task under both and a suggestion rule is scored against each.
/// </summary>
internal sealed class TrainingBudget
{
    private TrainingBudget(string name, string description, LrTrainingSchedule schedule)
    {
        Name = name;
        Schedule = schedule;
        Description = description;
    }

    /// <summary>
    /// Smith's one-cycle with peak x, in fastai's <c>fit_one_cycle</c> shape (cosine warm-up from x/25 over the first quarter,
    /// cosine annealing to x/100,000): the library's own <see cref="LrProbeSchedule"/>, which its tuning probes follow. ML.NET's
    /// NasBert trainers also run a one-cycle schedule whose peak is their <c>LearningRate</c>, so "the learning rate" a finder
    /// suggests means the same thing in every task: the peak of the cycle.
    /// </summary>
    public static TrainingBudget OneCycle { get; } = new("one-cycle", "one-cycle at peak x", LrTrainingSchedule.OneCycle);

    /// <summary>The rate x at every step, as a plain training loop without a scheduler runs.</summary>
    public static TrainingBudget Constant { get; } = new("constant", "constant rate x", LrTrainingSchedule.Constant);

    /// <summary>Both budgets, in report order.</summary>
    public static IReadOnlyList<TrainingBudget> Both { get; } = [OneCycle, Constant];

    /// <summary>The name the reports and the saved runs use: <c>one-cycle</c> or <c>constant</c>.</summary>
    public string Name { get; }

    /// <summary>The library's name for this schedule: what a user would set as <see cref="LrFinderOptions.TrainingSchedule"/>.</summary>
    public LrTrainingSchedule Schedule { get; }

    /// <summary>The schedule in a few words.</summary>
    public string Description { get; }

    /// <summary>The learning rate of step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/> for rate x.</summary>
    public double LearningRateAt(double learningRate, int step, int totalSteps) =>
        LrProbeSchedule.LearningRateAt(Schedule, learningRate, step, totalSteps);

    public override string ToString() => Name;
}
