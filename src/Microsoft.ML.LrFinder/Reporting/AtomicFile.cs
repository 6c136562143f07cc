namespace Microsoft.ML.LrFinder.Reporting;

/// <summary>
/// Writes a file through a temporary file in the same folder and then moves it into place, so a failure part-way
/// never leaves a half-written file at the destination (the move within a folder is a rename).
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            // After a successful move the temporary file no longer exists and this does nothing.
            File.Delete(temporary);
        }
    }
}
