using System.Reflection;
using System.Runtime.Loader;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// What <see cref="LrFinderNotebook.UseCompatibleTorchSharp"/> asks of the running process's assemblies: where this library was
/// loaded from (the package folder that holds the compatibility patcher), the package versions it was built against (assembly
/// metadata written by its project file), whether an assembly is already loaded, and loading one from a path into the default
/// context (docs/architecture.md, "Where reflection lives").
/// </summary>
internal static class NotebookKernelInternals
{
    /// <summary>The folder of this library's assembly, for example <c>~/.nuget/packages/microsoft.ml.lrfinder/0.1.0/lib/net8.0</c>.</summary>
    public static string LibraryFolder =>
        Path.GetDirectoryName(typeof(NotebookKernelInternals).Assembly.Location)
        ?? throw new InvalidOperationException("The Microsoft.ML.LrFinder assembly was not loaded from a file.");

    /// <summary>A package version the library was built against, from its <c>AssemblyMetadata</c> (for example <c>TorchSharp</c>: <c>0.107.0</c>).</summary>
    public static string BuiltAgainst(string package) =>
        typeof(NotebookKernelInternals).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PackageVersion:" + package)?.Value
        ?? throw new InvalidOperationException($"The Microsoft.ML.LrFinder assembly does not record the {package} version it was built against.");

    /// <summary>Where an assembly of that simple name was loaded from in the default context, or null when none is loaded.</summary>
    public static string? LoadedFrom(string simpleName) =>
        AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == simpleName) is { } loaded ? loaded.Location : null;

    /// <summary>Loads an assembly file into the default context, where later references to its name bind to it.</summary>
    public static void Load(string path) => AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
}
