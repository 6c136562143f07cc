namespace Microsoft.ML.LrFinder;

/// <summary>
/// Settings of a learning-rate sweep and of the rules that read its curve. Every default is in <see cref="LrFinderDefaults"/>.
/// Each face takes its own options type derived from this one, as ML.NET's trainer options derive from a common base:
/// <see cref="LrFinderTrainerOptions"/> (<c>WithLrFinder</c>, <c>mlContext.LrFinder()</c>) and
/// <see cref="TorchSharpLrFinderOptions"/> (<see cref="TorchSharpLrFinder"/>); this type itself serves <see cref="LrSweep"/>,
/// <see cref="LrSweepRunner"/> and <see cref="LrCurveAnalysis"/>.
/// </summary>
public class LrFinderOptions
{
    /// <summary>The learning rate of the first iteration.</summary>
    /// <value>Default 1e-7 (<see cref="LrFinderDefaults.StartLearningRate"/>). Must be finite, greater than 0 and less than <see cref="EndLearningRate"/>.</value>
    public double StartLearningRate { get; set; } = LrFinderDefaults.StartLearningRate;

    /// <summary>The learning rate of the last iteration.</summary>
    /// <value>Default 10 (<see cref="LrFinderDefaults.EndLearningRate"/>). Must be finite and greater than <see cref="StartLearningRate"/>.</value>
    public double EndLearningRate { get; set; } = LrFinderDefaults.EndLearningRate;

    /// <summary>The number of optimizer steps in the sweep; also sets the start of the suggestion window.</summary>
    /// <value>Default 100 (<see cref="LrFinderDefaults.NumberOfIterations"/>). Must be at least 2.</value>
    public int NumberOfIterations { get; set; } = LrFinderDefaults.NumberOfIterations;

    /// <summary>How the learning rate moves from start to end.</summary>
    /// <value>Default <see cref="LrSchedule.Exponential"/> (<see cref="LrFinderDefaults.Schedule"/>).</value>
    public LrSchedule Schedule { get; set; } = LrFinderDefaults.Schedule;

    /// <summary>The decay β of the loss's debiased exponential moving average.</summary>
    /// <value>Default 0.98 (<see cref="LrFinderDefaults.SmoothingBeta"/>). Must be in [0, 1); 0 turns smoothing off.</value>
    public double SmoothingBeta { get; set; } = LrFinderDefaults.SmoothingBeta;

    /// <summary>The sweep stops when the smoothed loss exceeds this multiple of the best smoothed loss so far.</summary>
    /// <value>Default 4 (<see cref="LrFinderDefaults.DivergenceThreshold"/>). Must be finite and greater than 1.</value>
    public double DivergenceThreshold { get; set; } = LrFinderDefaults.DivergenceThreshold;

    /// <summary>Whether the sweep stops when the loss diverges.</summary>
    /// <value>Default true (<see cref="LrFinderDefaults.StopOnDivergence"/>).</value>
    public bool StopOnDivergence { get; set; } = LrFinderDefaults.StopOnDivergence;

    /// <summary>How the selected learning rate will be used in training; the default rule picks its constants for it.</summary>
    /// <value>
    /// Default null: as the trainer uses it (<see cref="LrTrainingSchedule.OneCycle"/> for the NAS-BERT family and question
    /// answering, <see cref="LrTrainingSchedule.Constant"/> for object detection) and <see cref="LrTrainingSchedule.Constant"/> for the
    /// generic finder and a saved curve.
    /// </value>
    public LrTrainingSchedule? TrainingSchedule { get; set; }

    /// <summary>
    /// How many passes over its training rows the real fit makes. The default rule lowers its rate for fits longer than
    /// <see cref="LrSuggestionMethods.LagFreeEpochThreshold"/> epochs, where the loss curve of a short sweep cannot see
    /// overfitting (docs/suggestions.md).
    /// </summary>
    /// <value>
    /// Default null: the trainer's own epochs for ML.NET trainers (their <c>MaxEpoch</c>), unknown for the generic finder and a
    /// saved curve (the curve is read as it is). When set, must be at least 1.
    /// </value>
    public int? TrainingEpochs { get; set; }

    /// <summary>The bandwidth of the lag-free curve our own rules read, in decades of learning rate (docs/suggestions.md).</summary>
    /// <value>Default 0.25 (<see cref="LrFinderDefaults.LagFreeBandwidthDecades"/>). Must be finite and greater than 0.</value>
    public double LagFreeBandwidthDecades { get; set; } = LrFinderDefaults.LagFreeBandwidthDecades;

    /// <summary>The suggestion methods to run on the curve.</summary>
    /// <value>Default null: every built-in method. When set, must not be empty or contain null.</value>
    public IReadOnlyList<ILrSuggestionMethod>? SuggestionMethods { get; set; }

    /// <summary>The method whose suggestion becomes the result's selected learning rate.</summary>
    /// <value>Default null: lagfree (<see cref="LrSuggestionMethods.LagFree"/>). It is added to the methods run when missing from <see cref="SuggestionMethods"/>.</value>
    public ILrSuggestionMethod? Selector { get; set; }

    /// <summary>The seed passed to <c>torch.random.manual_seed</c> before the sweep, so that two sweeps give identical curves.</summary>
    /// <value>Default null: the torch generator is left as it is.</value>
    public int? Seed { get; set; }

    /// <summary>Checks every setting and throws on the first invalid one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of its valid range; the exception names it.</exception>
    /// <exception cref="ArgumentException"><see cref="SuggestionMethods"/> is empty or contains null.</exception>
    public virtual void Validate()
    {
        if (!double.IsFinite(StartLearningRate) || StartLearningRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StartLearningRate), StartLearningRate, "must be finite and greater than 0.");
        }

        if (!double.IsFinite(EndLearningRate) || EndLearningRate <= StartLearningRate)
        {
            throw new ArgumentOutOfRangeException(nameof(EndLearningRate), EndLearningRate, "must be finite and greater than StartLearningRate.");
        }

        if (NumberOfIterations < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(NumberOfIterations), NumberOfIterations, "must be at least 2.");
        }

        if (!Enum.IsDefined(Schedule))
        {
            throw new ArgumentOutOfRangeException(nameof(Schedule), Schedule, "must be Exponential or Linear.");
        }

        if (!(SmoothingBeta >= 0 && SmoothingBeta < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SmoothingBeta), SmoothingBeta, "must be in [0, 1).");
        }

        if (!double.IsFinite(DivergenceThreshold) || DivergenceThreshold <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DivergenceThreshold), DivergenceThreshold, "must be finite and greater than 1.");
        }

        if (TrainingEpochs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainingEpochs), TrainingEpochs, "must be at least 1.");
        }

        if (TrainingSchedule is { } schedule && !Enum.IsDefined(schedule))
        {
            throw new ArgumentOutOfRangeException(nameof(TrainingSchedule), TrainingSchedule, "must be Constant or OneCycle.");
        }

        if (!double.IsFinite(LagFreeBandwidthDecades) || LagFreeBandwidthDecades <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LagFreeBandwidthDecades), LagFreeBandwidthDecades, "must be finite and greater than 0.");
        }

        if (SuggestionMethods is { } methods && (methods.Count == 0 || methods.Any(m => m is null)))
        {
            throw new ArgumentException("must not be empty or contain null.", nameof(SuggestionMethods));
        }
    }

    /// <summary>A copy of these options of the same type, so that callers' objects are never modified.</summary>
    /// <returns>A new options object with the same settings.</returns>
    internal LrFinderOptions Clone() => CloneCore();

    /// <summary>Copies these settings onto a face's options (its own settings are left as they are); for the benchmarks.</summary>
    /// <typeparam name="TOptions">A face's options type.</typeparam>
    /// <param name="target">The options to copy onto.</param>
    /// <returns><paramref name="target"/>.</returns>
    internal TOptions CopyTo<TOptions>(TOptions target)
        where TOptions : LrFinderOptions
    {
        target.StartLearningRate = StartLearningRate;
        target.EndLearningRate = EndLearningRate;
        target.NumberOfIterations = NumberOfIterations;
        target.Schedule = Schedule;
        target.SmoothingBeta = SmoothingBeta;
        target.DivergenceThreshold = DivergenceThreshold;
        target.StopOnDivergence = StopOnDivergence;
        target.TrainingSchedule = TrainingSchedule;
        target.TrainingEpochs = TrainingEpochs;
        target.LagFreeBandwidthDecades = LagFreeBandwidthDecades;
        target.SuggestionMethods = SuggestionMethods;
        target.Selector = Selector;
        target.Seed = Seed;
        return target;
    }

    /// <summary>Copies these options; a derived type copies what it holds by reference.</summary>
    /// <returns>A copy of the same runtime type.</returns>
    private protected virtual LrFinderOptions CloneCore() => (LrFinderOptions)MemberwiseClone();

    /// <summary>The part of these options the sweep engine reads (Sweep/LrSweepSettings.cs); the caller has validated them.</summary>
    internal LrSweepSettings SweepSettings() =>
        new(StartLearningRate, EndLearningRate, NumberOfIterations, Schedule, SmoothingBeta, DivergenceThreshold, StopOnDivergence, LagFreeBandwidthDecades);
}
