namespace Microsoft.ML.LrFinder.Tests.Reliability.BadInputs;

/// <summary>
/// A folder in which the current user cannot create a file: a read-only folder of our own, or, when running as root (which
/// ignores permission bits, as in these containers), a sysfs folder, where nobody can create files.
/// </summary>
internal static class UnwritableFolder
{
    public static string Find(string scratch)
    {
        string locked = Path.Combine(scratch, "read-only");
        Directory.CreateDirectory(locked);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        foreach (string candidate in new[] { locked, "/sys/kernel" })
        {
            if (Directory.Exists(candidate) && !CanCreateFile(candidate))
            {
                return candidate;
            }
        }

        Assert.Ignore("No unwritable folder on this machine.");
        return locked;
    }

    private static bool CanCreateFile(string folder)
    {
        string probe = Path.Combine(folder, ".probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (File.Create(probe))
            {
            }

            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
