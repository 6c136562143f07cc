using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// One call of a trainer's <c>Fit</c> as <see cref="TrainerObserver"/> saw it run: its internal trainer, the rate its optimizer
/// held at each step, the rows whose values it read, and a copy of its optimizer's state when its data last ran out.
/// </summary>
internal sealed class ObservedFit
{
    private readonly List<double> _stepRates = [];
    private readonly HashSet<long> _rows = [];
    private int _stateUpdates = -1;

    public ObservedFit(InternalTrainer trainer) => Trainer = trainer;

    /// <summary>The fit's internal trainer; after the fit, it holds the model the fit left.</summary>
    public InternalTrainer Trainer { get; }

    /// <summary>The rate in the fit's optimizer at each of its steps.</summary>
    public IReadOnlyList<double> StepRates => _stepRates;

    /// <summary>The positions, in the observed data, of the rows whose values the fit read.</summary>
    public IReadOnlyCollection<long> Rows => _rows;

    /// <summary>
    /// A copy of the optimizer's state taken when the fit's data last ran out (the trainer disposes its optimizer when its
    /// <c>Fit</c> returns); empty before. It is the state the fit ended with only when no step followed it:
    /// <see cref="OptimizerStateIsFinal"/>.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> OptimizerState { get; private set; } = new Dictionary<string, Tensor>();

    /// <summary>
    /// Whether the copy of <see cref="OptimizerState"/> was taken after the fit's last step: the trainer had counted as many
    /// steps then as at the end (a last, partial batch is stepped after its cursor runs out, so the copy would miss it).
    /// </summary>
    public bool OptimizerStateIsFinal => _stateUpdates == Trainer.Updates && OptimizerState.Count > 0;

    /// <summary>Keeps <paramref name="state"/> as the latest copy of the optimizer's state, disposing the previous one.</summary>
    public void KeepOptimizerState(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var tensor in OptimizerState.Values)
        {
            tensor.Dispose();
        }

        OptimizerState = state;
        _stateUpdates = Trainer.Updates;
    }

    public void AddStep(double learningRate) => _stepRates.Add(learningRate);

    public void AddRow(long position) => _rows.Add(position);
}
