using System.Globalization;
using System.Reflection;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// What a fit leaves behind, read by the tests' own reflection: every parameter of the model, and a copy of the optimizer's
/// state taken when the fit's last epoch ended (every field of its per-parameter state: Adam's step count and moment
/// estimates, SGD's momentum buffers; and each parameter group's learning rate). Two fits that trained the same model the
/// same way agree on all of it.
/// </summary>
internal static class TrainedState
{
    private const BindingFlags InstanceFields = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>
    /// For every named part of the state, how far <paramref name="actual"/> ended from <paramref name="expected"/>: the largest
    /// absolute difference divided by the largest magnitude in <paramref name="expected"/>'s part (0 when both are 0; +∞ when a
    /// part is missing from one side or has another shape).
    /// </summary>
    public static IReadOnlyDictionary<string, double> Differences(ObservedFit actual, ObservedFit expected)
    {
        var left = Parameters(actual.Trainer).Concat(actual.OptimizerState).ToDictionary();
        var right = Parameters(expected.Trainer).Concat(expected.OptimizerState).ToDictionary();
        var differences = new Dictionary<string, double>();
        foreach (string name in left.Keys.Union(right.Keys))
        {
            differences[name] = left.TryGetValue(name, out var a) && right.TryGetValue(name, out var b) ? ScaledDifference(a, b) : double.PositiveInfinity;
        }

        return differences;
    }

    /// <summary>A copy of the optimizer's state, outside any dispose scope: each state field by parameter index and name, each group's rate.</summary>
    public static IReadOnlyDictionary<string, Tensor> CopyOptimizerState(InternalTrainer trainer)
    {
        var optimizer = trainer.Optimizer as OptimizerHelper
            ?? throw new InvalidOperationException($"{trainer.Optimizer.GetType().Name} keeps no state dictionary this test can read.");
        var parts = new Dictionary<string, Tensor>();
        var state = optimizer.state_dict();
        for (int index = 0; index < state.State.Count; index++)
        {
            var parameterState = state.State[index];
            for (var type = parameterState.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(InstanceFields))
                {
                    string name = string.Create(CultureInfo.InvariantCulture, $"optimizer state {index} {type.Name}.{field.Name}");
                    object? value = field.GetValue(parameterState);
                    if (field.FieldType == typeof(Tensor))
                    {
                        parts[name] = Detached(value is Tensor tensor ? tensor.detach().clone() : empty(0));
                    }
                    else if (value is long or int or double or float)
                    {
                        parts[name] = Detached(tensor(Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                    }
                }
            }
        }

        int group = 0;
        foreach (var parameterGroup in optimizer.ParamGroups)
        {
            parts[string.Create(CultureInfo.InvariantCulture, $"learning rate of group {group++}")] = Detached(tensor(parameterGroup.LearningRate));
        }

        return parts;
    }

    // The copy outlives the trainer's step scope, which disposes what was created inside it.
    private static Tensor Detached(Tensor tensor) => tensor.DetachFromDisposeScope();

    private static IEnumerable<KeyValuePair<string, Tensor>> Parameters(InternalTrainer trainer) =>
        trainer.Model.named_parameters().Select(p => KeyValuePair.Create("parameter " + p.name, (Tensor)p.parameter));

    private static double ScaledDifference(Tensor actual, Tensor expected)
    {
        if (!actual.shape.SequenceEqual(expected.shape))
        {
            return double.PositiveInfinity;
        }

        if (actual.numel() == 0)
        {
            return 0;
        }

        using var scope = NewDisposeScope();
        var a = actual.detach().to_type(ScalarType.Float64);
        var b = expected.detach().to_type(ScalarType.Float64);
        double scale = b.abs().max().item<double>();
        double largest = (a - b).abs().max().item<double>();
        return largest == 0 ? 0 : largest / Math.Max(scale, double.Epsilon);
    }
}
