using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>
/// The compiled library as ArchUnitNET reads it (its IL: signatures, fields, attributes, calls and types used in method bodies),
/// loaded once for every architecture test, with the layer of each of its types from <see cref="SourceLayers"/>.
/// </summary>
/// <remarks>
/// ArchUnitNET folds compiler-generated types (lambdas' closures, iterators, async state machines) into the type whose code
/// they were generated from, so a dependency in a lambda counts as its declaring type's. A nested type the source declares
/// belongs to the layer of the top-level type around it.
/// </remarks>
internal static class LibraryArchitecture
{
    private static readonly Lazy<(ArchUnitNET.Domain.Architecture Architecture, IReadOnlyList<IType> Types, IReadOnlyDictionary<IType, string> Layers)> Loaded = new(Load);

    /// <summary>The library assembly and the referenced types its code names.</summary>
    public static ArchUnitNET.Domain.Architecture Architecture => Loaded.Value.Architecture;

    /// <summary>Every type of the library assembly, nested ones included.</summary>
    public static IReadOnlyList<IType> Types => Loaded.Value.Types;

    /// <summary>The layer (source folder) of every type in <see cref="Types"/>.</summary>
    public static IReadOnlyDictionary<IType, string> Layers => Loaded.Value.Layers;

    /// <summary>The metadata name of the top-level type that holds <paramref name="type"/> (itself when it is not nested).</summary>
    public static string TopLevelName(IType type)
    {
        int nested = type.FullName.IndexOf('+', StringComparison.Ordinal);
        return nested < 0 ? type.FullName : type.FullName[..nested];
    }

    private static (ArchUnitNET.Domain.Architecture, IReadOnlyList<IType>, IReadOnlyDictionary<IType, string>) Load()
    {
        var library = typeof(LrFinderResult).Assembly;
        var architecture = new ArchLoader().LoadAssemblies(library).Build();
        var types = architecture.Types.Where(t => t.Assembly.FullName == library.FullName).ToArray();
        var declared = SourceLayers.Read();

        var layers = new Dictionary<IType, string>();
        var unknown = new List<string>();
        foreach (var type in types)
        {
            if (declared.TryGetValue(TopLevelName(type), out var folders))
            {
                layers[type] = LayerOf(TopLevelName(type), folders);
            }
            else
            {
                unknown.Add(type.FullName);
            }
        }

        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                "The compiled library has types no source file declares at the top level, so their layer is unknown: " + string.Join(", ", unknown) + ".");
        }

        var compiled = types.Select(TopLevelName).ToHashSet(StringComparer.Ordinal);
        var missing = declared.Keys.Where(name => !compiled.Contains(name)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                "Types the sources declare are missing from the compiled library (the source reader misread a declaration): " + string.Join(", ", missing) + ".");
        }

        return (architecture, types, layers);
    }

    /// <summary>
    /// A type lives in one folder (docs/architecture.md, "API rules": each face in one place); a partial type spread over
    /// several folders fails every test, naming them.
    /// </summary>
    private static string LayerOf(string type, IReadOnlySet<string> folders) =>
        folders.Count == 1
            ? folders.First()
            : throw new InvalidOperationException($"{type} is declared in the folders {string.Join(", ", folders)}: a type lives in one folder.");
}
