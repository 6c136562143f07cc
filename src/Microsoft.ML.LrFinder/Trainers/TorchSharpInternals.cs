using System.Reflection;
using Microsoft.ML.TorchSharp;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The Microsoft.ML.TorchSharp assembly whose internals the trainer hooks reach into, the version they were read from, and the
/// version guard's error when members moved (docs/architecture.md, "Where reflection lives").
/// </summary>
internal static class TorchSharpInternals
{
    /// <summary>The only Microsoft.ML.TorchSharp version whose internals the hooks were read from and tested on.</summary>
    public const string SupportedVersion = "0.23.1";

    /// <summary>The Microsoft.ML.TorchSharp assembly the trainers live in.</summary>
    public static Assembly Assembly => typeof(TorchSharpBaseTrainer).Assembly;

    /// <summary>The loaded Microsoft.ML.TorchSharp version (informational, without the commit hash).</summary>
    public static string LoadedVersion
    {
        get
        {
            string? informational = Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational?.Split('+')[0] ?? Assembly.GetName().Version?.ToString() ?? "unknown";
        }
    }

    /// <summary>The exception thrown before any training when a member a hook needs is missing or has changed.</summary>
    public static NotSupportedException Unsupported(string trainerName, IReadOnlyList<string> missingMembers) =>
        new($"The LR finder cannot hook the {trainerName} trainer: Microsoft.ML.TorchSharp {LoadedVersion} lacks "
            + $"{string.Join(", ", missingMembers)}. The LR finder supports Microsoft.ML.TorchSharp {SupportedVersion}.");
}
