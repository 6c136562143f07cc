using System.Reflection;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// Finds the internal trainer of a trainer's <c>Fit</c> while it runs on an MLContext. Every ML.NET TorchSharp trainer's
/// <c>Fit</c> builds its internal trainer, then hands its progress channel a header callback that closes over it
/// (<c>pch.SetHeader(header, e => e.SetMetric(0, trainer.Accuracy))</c>, decompiled 0.23.1), and the context's progress
/// tracker holds every running channel. The path (Microsoft.ML 5.0 internals): <c>MLContext._env</c>, its
/// <c>ProgressTracker</c>, the tracker's <c>_infos</c>, each one's <c>Channel</c>, the channel's <c>_headerAndAction</c>, the
/// callback's closure, its field <c>trainer</c>.
/// </summary>
internal static class RunningFit
{
    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary>The internal trainer of the running <c>Fit</c>, or null when no trainer's fit has reached its training loop.</summary>
    public static object? FindInternalTrainer(MLContext mlContext)
    {
        object environment = Read(mlContext, "_env")!;
        object tracker = ReadByTypeName(environment, "ProgressTracker")
            ?? throw new MissingMemberException(environment.GetType().FullName, "ProgressTracker");
        var infos = (System.Collections.IEnumerable)Read(tracker, "_infos")!;
        object? found = null;
        foreach (object info in infos)
        {
            // A finished channel has dropped its header (Dispose sets it to null); the latest running one wins.
            object? channel = Read(info, "Channel");
            var headerAndAction = channel is null ? null : Read(channel, "_headerAndAction") as Tuple<ProgressHeader, Action<IProgressEntry>>;
            object? closure = headerAndAction?.Item2?.Target;
            if (closure?.GetType().GetField("trainer", Members) is { } trainerField)
            {
                found = trainerField.GetValue(closure);
            }
        }

        return found;
    }

    private static object? Read(object target, string name)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField(name, Members | BindingFlags.DeclaredOnly) is { } field)
            {
                return field.GetValue(target);
            }
        }

        throw new MissingFieldException(target.GetType().FullName, name);
    }

    private static object? ReadByTypeName(object target, string typeName)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var property in type.GetProperties(Members | BindingFlags.DeclaredOnly).Where(p => p.PropertyType.Name == typeName))
            {
                return property.GetValue(target);
            }

            foreach (var field in type.GetFields(Members | BindingFlags.DeclaredOnly).Where(f => f.FieldType.Name == typeName))
            {
                return field.GetValue(target);
            }
        }

        return null;
    }
}
