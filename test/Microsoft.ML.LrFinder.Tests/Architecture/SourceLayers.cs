using System.Text.RegularExpressions;

namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>
/// The layer of each type the library's sources declare: the folder of its source file under src/Microsoft.ML.LrFinder
/// (docs/architecture.md, "Layers, one way"); the faces at the project root are "root". Most layers share one namespace, so
/// the compiled assembly cannot tell them apart; only the sources say where a type lives. This reader finds nothing else:
/// what a type depends on comes from the compiled assembly (<see cref="LibraryArchitecture"/>).
/// </summary>
internal static partial class SourceLayers
{
    /// <summary>The root layer's name: the faces, in files directly under the project folder.</summary>
    public const string Root = "root";

    /// <summary>
    /// Every top-level type the sources declare, by its metadata name (namespace, name and generic arity, as
    /// <c>Microsoft.ML.LrFinder.Trainers.TrainerHook`4</c>), with the layer folders of the files that declare it (more than
    /// one for a partial type spread over folders).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read()
    {
        string root = ProjectFolder();
        var layers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string code = File.ReadAllText(file);
            var ns = FileScopedNamespace().Match(code);
            var declarations = TopLevelDeclaration().Matches(code);
            if (!ns.Success || declarations.Count == 0)
            {
                throw new InvalidOperationException(
                    $"{relative}: no file-scoped namespace or no top-level type declaration found; the architecture tests cannot place its types in a layer.");
            }

            string layer = relative.Contains('/') ? relative[..relative.IndexOf('/')] : Root;
            foreach (Match declaration in declarations)
            {
                string arity = declaration.Groups["generics"].Success ? "`" + (declaration.Groups["generics"].Value.Count(c => c == ',') + 1) : string.Empty;
                string name = $"{ns.Groups["name"].Value}.{declaration.Groups["name"].Value}{arity}";
                if (!layers.TryGetValue(name, out var set))
                {
                    layers[name] = set = [];
                }

                set.Add(layer);
            }
        }

        return layers.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value, StringComparer.Ordinal);
    }

    /// <summary>src/Microsoft.ML.LrFinder, found by walking up from the test's folder to LrFinder.sln.</summary>
    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LrFinder.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Microsoft.ML.LrFinder");
            }
        }

        throw new InvalidOperationException("LrFinder.sln not found above the test folder.");
    }

    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    // With file-scoped namespaces a top-level declaration starts in column 0; nested types are indented.
    [GeneratedRegex(@"^(?:(?:public|internal|file|static|sealed|abstract|partial|readonly|unsafe|ref)\s+)*(?:class|struct|interface|enum|record(?:\s+class|\s+struct)?)\s+(?<name>\w+)(?:\s*<(?<generics>[^>]*)>)?", RegexOptions.Multiline)]
    private static partial Regex TopLevelDeclaration();
}
