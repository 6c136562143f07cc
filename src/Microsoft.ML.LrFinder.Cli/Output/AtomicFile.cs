namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>Writes a single file all at once: to a hidden temporary file beside it, then renamed over the target.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, which receives a temporary path with the same extension.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="write">Writes the content to the path it is given.</param>
    /// <exception cref="CliUsageException">The target is a folder or its folder cannot be created.</exception>
    public static void Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliUsageException($"'{path}' is a folder; expected a file name.");
        }

        string folder = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot create the folder of '{path}': {e.Message}", e);
        }

        string temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.tmp-{Guid.NewGuid():N}{Path.GetExtension(full)}");
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
