namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>
/// An output folder that is written all at once or not at all. Files go to a hidden staging folder beside the target;
/// <see cref="Commit"/> moves them in, and disposing without committing deletes the staging folder, so a failed or cancelled
/// run leaves nothing half-written. Staging names are unique, so runs into different folders never meet.
/// </summary>
internal sealed class OutputFolder : IDisposable
{
    private bool _committed;

    private OutputFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>The folder the files end up in.</summary>
    public string Target { get; }

    /// <summary>The staging folder files are written to until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Checks the target and creates the staging folder.</summary>
    /// <param name="target">The output folder (created on commit if missing).</param>
    /// <returns>The open output folder.</returns>
    /// <exception cref="CliUsageException">The target is an existing file or its parent cannot be created.</exception>
    public static OutputFolder Begin(string target)
    {
        string full = Path.GetFullPath(target);
        if (File.Exists(full))
        {
            throw new CliUsageException($"output '{target}' is a file; -o|--output needs a folder.");
        }

        string parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full;
        string name = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        string staging = Path.Combine(parent, $".{name}.staging-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot create the output folder '{target}': {e.Message}", e);
        }

        return new OutputFolder(full.TrimEnd(Path.DirectorySeparatorChar), staging);
    }

    /// <summary>The staging path of a file that will end up as <paramref name="fileName"/> in the target.</summary>
    /// <param name="fileName">A file name without folders.</param>
    /// <returns>Where to write the file now.</returns>
    public string PathFor(string fileName) => Path.Combine(Staging, fileName);

    /// <summary>Moves every staged file into the target, replacing files of the same name, and removes the staging folder.</summary>
    public void Commit()
    {
        if (!Directory.Exists(Target))
        {
            try
            {
                // One rename: the folder appears complete or not at all.
                Directory.Move(Staging, Target);
                _committed = true;
                return;
            }
            catch (IOException) when (Directory.Exists(Target))
            {
                // Another process created the folder meanwhile: fall through and move file by file.
            }
        }

        foreach (string file in Directory.EnumerateFiles(Staging))
        {
            File.Move(file, Path.Combine(Target, Path.GetFileName(file)), overwrite: true);
        }

        Directory.Delete(Staging, recursive: true);
        _committed = true;
    }

    /// <summary>Deletes the staging folder unless the files were committed.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            try
            {
                Directory.Delete(Staging, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover hidden staging folder is harmless and never read.
            }
        }
    }
}
