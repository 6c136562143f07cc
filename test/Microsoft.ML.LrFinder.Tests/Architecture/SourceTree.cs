using System.Text.RegularExpressions;

namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>
/// The library's source files by layer folder (docs/architecture.md), with comments and string literals removed so that only
/// code is searched. Every type lives in a file of its own name, so a file name is a type name.
/// </summary>
internal sealed partial class SourceTree
{
    private SourceTree(string root, IReadOnlyList<SourceFile> files)
    {
        Root = root;
        Files = files;
    }

    public string Root { get; }

    public IReadOnlyList<SourceFile> Files { get; }

    /// <summary>The library's sources, found by walking up from the test's folder to LrFinder.sln.</summary>
    public static SourceTree Library()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LrFinder.sln")))
            {
                string root = Path.Combine(dir.FullName, "src", "Microsoft.ML.LrFinder");
                var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    .Select(f => new SourceFile(
                        Path.GetRelativePath(root, f).Replace('\\', '/'),
                        LayerOf(Path.GetRelativePath(root, f)),
                        Path.GetFileNameWithoutExtension(f),
                        CodeOnly(File.ReadAllText(f))))
                    .ToArray();
                return new SourceTree(root, files);
            }
        }

        throw new InvalidOperationException("LrFinder.sln not found above the test folder.");
    }

    /// <summary>The first folder under the project (Sweep, Suggestions, ...); the faces at the project root are "root".</summary>
    private static string LayerOf(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/');
        return parts.Length > 1 ? parts[0] : "root";
    }

    private static string CodeOnly(string text) => StringsAndComments().Replace(text, match => match.Value.StartsWith('"') || match.Value.StartsWith('$') || match.Value.StartsWith('@') ? "\"\"" : " ");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|\$?""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex StringsAndComments();
}
