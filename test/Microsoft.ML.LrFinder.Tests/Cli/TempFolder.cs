namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lrfind-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file with the given lines (LF endings) and returns its path.</summary>
    public string Write(string name, params string[] lines)
    {
        string path = File(name);
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>Every file and folder under <see cref="Path"/>, relative, sorted.</summary>
    public string[] Entries() =>
        Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Path, p))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
