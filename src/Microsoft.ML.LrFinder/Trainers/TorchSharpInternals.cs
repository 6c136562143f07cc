using System.Reflection;
using Microsoft.ML.TorchSharp;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The Microsoft.ML.TorchSharp assembly whose internals the trainer hooks reach into, the versions they were tested on, the
/// version guard's error when members moved and the warning on a version not tested (docs/architecture.md, "Where reflection
/// lives"; docs/compatibility.md, "Tested versions").
/// </summary>
internal static class TorchSharpInternals
{
    /// <summary>
    /// The Microsoft.ML.TorchSharp versions the hooks were tested on: 0.23.1 (with Microsoft.ML 5.0.1, where they were read
    /// from) and 0.24.0 (with Microsoft.ML 6.0.0); CI runs the trainer tests on both (.ci/run).
    /// </summary>
    public static readonly IReadOnlyList<string> TestedVersions = ["0.23.1", "0.24.0"];

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

    /// <summary>The tested versions in words: <c>0.23.1 and 0.24.0</c>.</summary>
    public static string TestedVersionsText => string.Join(", ", TestedVersions.SkipLast(1)) + " and " + TestedVersions[^1];

    /// <summary>The exception thrown before any training when a member a hook needs is missing or has changed.</summary>
    public static NotSupportedException Unsupported(string trainerName, IReadOnlyList<string> missingMembers) =>
        new($"The LR finder cannot hook the {trainerName} trainer: Microsoft.ML.TorchSharp {LoadedVersion} lacks "
            + $"{string.Join(", ", missingMembers)}. The LR finder is tested on Microsoft.ML.TorchSharp {TestedVersionsText}.");

    /// <summary>
    /// The warning a sweep's result carries when <paramref name="loadedVersion"/> is not a tested version but every member the
    /// hook needs resolved (the sweep ran); null on a tested version.
    /// </summary>
    public static string? UntestedVersionWarning(string trainerName, string loadedVersion) =>
        TestedVersions.Contains(loadedVersion)
            ? null
            : $"Microsoft.ML.TorchSharp {loadedVersion} is not a version the LR finder was tested on ({TestedVersionsText}); every "
              + $"member the {trainerName} hook needs was found, so the sweep ran, but check its curve and report a problem.";
}
