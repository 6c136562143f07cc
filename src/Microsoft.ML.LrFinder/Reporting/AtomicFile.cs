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
            using (var stream = Create(temporary, fullPath, folder))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            // After a successful move the temporary file no longer exists. File.Delete would throw for a missing folder and
            // replace the exception that explains the failure.
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    // The temporary file is the first thing created, so its errors would name it (".lr-find.csv.<guid>.tmp") instead of the
    // file the caller asked for; the same exception types are thrown with the caller's path in the message.
    private static FileStream Create(string temporary, string fullPath, string folder)
    {
        try
        {
            return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UnauthorizedAccessException($"Cannot write '{fullPath}': access to the folder '{folder}' is denied.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the folder '{folder}' does not exist.", ex);
        }
    }
}
