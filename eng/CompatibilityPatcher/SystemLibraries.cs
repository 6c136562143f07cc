using System.Text;

namespace Microsoft.ML.LrFinder.Build;

/// <summary>Finds what the system's C++ runtime provides, the way the dynamic loader would find it.</summary>
internal static class SystemLibraries
{
    private static readonly string[] s_searchFolders =
    [
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib64", "/usr/local/lib",
    ];

    /// <summary>The path of the libstdc++ the loader would pick, or null when none is found.</summary>
    public static string? FindLibStdCxx()
    {
        var folders = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(s_searchFolders);
        return folders.Select(f => Path.Combine(f, "libstdc++.so.6")).FirstOrDefault(File.Exists);
    }

    /// <summary>Whether the library defines the given symbol version (its name appears as a NUL-terminated string).</summary>
    public static bool DefinesVersion(string libraryPath, string version)
    {
        byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(libraryPath).AsSpan().IndexOf(needle) >= 0;
    }
}
