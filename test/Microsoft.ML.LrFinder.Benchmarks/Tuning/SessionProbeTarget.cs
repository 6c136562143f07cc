using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Tuning;

/// <summary>
/// One seed's tuning probe as the library's <see cref="LrTuneRunner"/> sees it: a probe trains the seed's initial model at the
/// candidate rate for the probe's steps, <see cref="Schedule"/> compressed into them, and scores it on the validation split.
/// </summary>
/// <remarks>
/// Every probe starts from the seed's initial weights, so there is nothing to restore, and a probe at one (rate, steps) always
/// gives one result: it is trained once and replayed from the cache when another configuration probes it again. Each probe's
/// wall time is kept, so that a configuration is charged for its own probes as if it had run them alone.
/// </remarks>
internal sealed class SessionProbeTarget : ILrProbeTarget
{
    private readonly IRegretSession session;
    private readonly Dictionary<(double LearningRate, int Steps), TrainingOutcome> probed = [];

    public SessionProbeTarget(IRegretSession session, TrainingBudget schedule)
    {
        this.session = session;
        Schedule = schedule;
    }

    /// <summary>How a probe shapes its rate: constant, or a one-cycle with the candidate as its peak.</summary>
    public TrainingBudget Schedule { get; }

    public LrTuneCandidate Probe(double learningRate, int steps, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = Outcome(learningRate, steps);
        return new LrTuneCandidate(learningRate, outcome.ValidationLoss, outcome.Steps);
    }

    /// <summary>The wall time of the probe at (<paramref name="learningRate"/>, <paramref name="steps"/>), which must have run.</summary>
    public TimeSpan Elapsed(double learningRate, int steps) => probed[(learningRate, steps)].Elapsed;

    private TrainingOutcome Outcome(double learningRate, int steps)
    {
        if (!probed.TryGetValue((learningRate, steps), out var outcome))
        {
            outcome = session.Probe(learningRate, Schedule, steps);
            probed[(learningRate, steps)] = outcome;
        }

        return outcome;
    }
}
