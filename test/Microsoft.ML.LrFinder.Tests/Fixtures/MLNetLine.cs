using System.Reflection;

namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>
/// The ML.NET line this test assembly was built against (<c>-p:MLNetLine=6</c>, or explicit versions; Directory.Build.props),
/// read from the assembly metadata the test project writes.
/// </summary>
internal static class MLNetLine
{
    /// <summary>The Microsoft.ML.TorchSharp version the build referenced (Directory.Packages.props).</summary>
    public static string MicrosoftMLTorchSharpVersion => Metadata(nameof(MicrosoftMLTorchSharpVersion));

    /// <summary>
    /// The MSBuild properties that select this line, as <c>dotnet</c> arguments: a <c>dotnet pack --no-build</c> of the
    /// library must be given them to find this line's build outputs.
    /// </summary>
    public static IReadOnlyList<string> BuildArguments
    {
        get
        {
            var arguments = new List<string> { "-p:MLNetLine=" + Metadata("MLNetLine") };
            foreach (string property in new[] { "MicrosoftMLVersion", "MicrosoftMLTorchSharpVersion" })
            {
                if (Metadata(property + "Argument") is { Length: > 0 } given)
                {
                    arguments.Add($"-p:{property}={given}");
                }
            }

            return arguments;
        }
    }

    private static string Metadata(string key) =>
        typeof(MLNetLine).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no AssemblyMetadata \"{key}\" (see Microsoft.ML.LrFinder.Tests.csproj).");
}
