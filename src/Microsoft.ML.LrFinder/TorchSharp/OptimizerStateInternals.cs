using System.Reflection;
using static TorchSharp.torch;
using TorchSharp.Modules;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// The non-public view of TorchSharp's optimizer state the training-state snapshot (<see cref="OptimizerStateCopy"/>) needs: a
/// state object's fields, and a copy of a parameter group's options. TorchSharp's own <c>LoadStateDict</c> takes the source's
/// tensors by reference, so the snapshot copies field by field (docs/architecture.md, "Where reflection lives").
/// </summary>
internal static class OptimizerStateInternals
{
    private const BindingFlags InstanceFields = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    private static readonly MethodInfo ShallowCopy =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>The fields of <paramref name="state"/>'s class and its bases when every one is a tensor or a plain value; null otherwise.</summary>
    public static OptimizerStateField[]? Fields(OptimizerState state)
    {
        var fields = new List<OptimizerStateField>();
        for (var type = state.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(InstanceFields))
            {
                if (field.FieldType != typeof(Tensor) && !field.FieldType.IsValueType && field.FieldType != typeof(string))
                {
                    return null;
                }

                fields.Add(new OptimizerStateField(field.FieldType == typeof(Tensor), field.GetValue, field.SetValue));
            }
        }

        return [.. fields];
    }

    /// <summary>A shallow copy of a parameter group's options (learning rate, betas, weight decay, …).</summary>
    public static OptimizerOptions Copy(OptimizerOptions options) => (OptimizerOptions)ShallowCopy.Invoke(options, null)!;
}
