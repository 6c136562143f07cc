using System.Reflection;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// A trainer's internal trainer (Microsoft.ML.TorchSharp 0.23.1: the NAS-BERT family's <c>TrainerBase</c>, QuestionAnswer's and
/// ObjectDetection's <c>Trainer</c>), read by the tests' own reflection rather than the hook's: its public fields
/// <c>Optimizer</c> (a TorchSharp optimizer, or the <c>BaseOptimizer</c> wrapper that holds one in its <c>Optimizer</c>
/// property), <c>Model</c> and <c>Updates</c> (the steps taken in the current pass).
/// </summary>
internal sealed class InternalTrainer
{
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    private readonly object _trainer;
    private readonly FieldInfo _updates;

    public InternalTrainer(object trainer)
    {
        _trainer = trainer;
        var type = trainer.GetType();
        object optimizer = Field(type, "Optimizer").GetValue(trainer)!;
        Optimizer = optimizer as Optimizer
            ?? (Optimizer)(optimizer.GetType().GetProperty("Optimizer", Members)?.GetValue(optimizer)
                ?? throw new MissingMemberException(optimizer.GetType().FullName, "Optimizer"));
        Model = (nn.Module)Field(type, "Model").GetValue(trainer)!;
        _updates = Field(type, "Updates");
    }

    /// <summary>The internal trainer itself: two observations are of the same fit when they hold the same one.</summary>
    public object Instance => _trainer;

    /// <summary>The TorchSharp optimizer the trainer steps.</summary>
    public Optimizer Optimizer { get; }

    public nn.Module Model { get; }

    /// <summary>The optimizer steps the trainer has counted in its current pass over the data.</summary>
    public int Updates => (int)_updates.GetValue(_trainer)!;

    /// <summary>The learning rate of the optimizer's parameter groups (they must agree), which its next step uses.</summary>
    public double LearningRate
    {
        get
        {
            var rates = Optimizer.ParamGroups.Select(g => g.LearningRate).Distinct().ToArray();
            return rates.Length == 1
                ? rates[0]
                : throw new InvalidOperationException($"The optimizer's parameter groups disagree: {string.Join(", ", rates)}.");
        }
    }

    /// <summary>Sets every parameter group's learning rate (for replaying a sweep through the trainer's own fit).</summary>
    public void SetLearningRate(double learningRate)
    {
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, Members) ?? throw new MissingFieldException(type.FullName, name);
}
