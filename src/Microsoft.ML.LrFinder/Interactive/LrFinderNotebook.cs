using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Makes TorchSharp work in a .NET Interactive kernel (Polyglot Notebooks, Jupyter) that loads the package with
/// <c>#r "nuget:Microsoft.ML.LrFinder"</c>. The package's notebook extension calls it as it loads (docs/notebooks.md); an
/// application never needs it, because the package's build targets patch the application's own output folder.
/// </summary>
/// <remarks>
/// <para>
/// A kernel loads a package's files straight from the NuGet cache, so the platform compatibility steps that the build applies
/// to an application (docs/compatibility.md) never run: on a libstdc++ without <c>GLIBCXX_3.4.32</c> libtorch does not load, and
/// the TorchSharp and Microsoft.ML.TorchSharp binaries are the unpatched ones. This method copies <c>TorchSharp.dll</c>,
/// <c>Microsoft.ML.TorchSharp.dll</c> and (on Linux) <c>libLibTorchSharp.so</c> from the NuGet cache into a folder of its own
/// under the temporary folder, runs the package's compatibility patcher (<c>tools/CompatibilityPatcher</c>) on that folder,
/// and loads the patched copies into the kernel before anything else loads the originals. The NuGet cache is never changed.
/// The folder is named after what it was made from, so a second kernel reuses it.
/// </para>
/// <para>
/// It must run before the kernel first uses TorchSharp. When TorchSharp is already loaded (a cell used it before the package was
/// referenced, or the process is an application whose build patched its own copies) it changes nothing and says so.
/// </para>
/// </remarks>
public static class LrFinderNotebook
{
    private static readonly TimeSpan PatcherTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Loads patched copies of TorchSharp, Microsoft.ML.TorchSharp and libtorch's binding into this process.</summary>
    /// <param name="packagesFolder">
    /// The NuGet packages folder the kernel restored into; default null: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.
    /// </param>
    /// <returns>What was done, one line each (the patcher's <c>lrfinder-compat:</c> lines the first time a folder is made).</returns>
    /// <exception cref="FileNotFoundException">
    /// A file the kernel needs is not in the packages folder (the libtorch native package, say, was not referenced), or this
    /// library was not loaded from its package, which holds the patcher.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="packagesFolder"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The patcher failed.</exception>
    public static IReadOnlyList<string> UseCompatibleTorchSharp(string? packagesFolder = null)
    {
        if (packagesFolder is { Length: 0 })
        {
            throw new ArgumentException("must not be empty; pass null for the default packages folder.", nameof(packagesFolder));
        }

        if (NotebookKernelInternals.LoadedFrom("TorchSharp") is { } loaded)
        {
            return [$"TorchSharp is already loaded from {loaded}: left as it is."];
        }

        string packages = packagesFolder ?? DefaultPackagesFolder();
        string torchSharpVersion = NotebookKernelInternals.BuiltAgainst("TorchSharp");
        string torchSharpPackage = Path.Combine(packages, "torchsharp", torchSharpVersion);
        var sources = new List<string>
        {
            Existing(Path.Combine(torchSharpPackage, "lib", "net8.0", "TorchSharp.dll"), "TorchSharp " + torchSharpVersion),
            Existing(
                Path.Combine(packages, "microsoft.ml.torchsharp", NotebookKernelInternals.BuiltAgainst("Microsoft.ML.TorchSharp"), "lib", "net8.0", "Microsoft.ML.TorchSharp.dll"),
                "Microsoft.ML.TorchSharp"),
        };
        string? libtorch = null;
        if (OperatingSystem.IsLinux())
        {
            sources.Add(Existing(Path.Combine(torchSharpPackage, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"), "TorchSharp " + torchSharpVersion));
            string libtorchVersion = NotebookKernelInternals.BuiltAgainst("libtorch-cpu-linux-x64");
            libtorch = Path.Combine(packages, "libtorch-cpu-linux-x64", libtorchVersion, "runtimes", "linux-x64", "native");
            Existing(
                Path.Combine(libtorch, "libtorch.so"),
                $"libtorch-cpu-linux-x64 {libtorchVersion} (reference it in the notebook: #r \"nuget:libtorch-cpu-linux-x64,{libtorchVersion}\")");
        }

        string patcher = Existing(
            Path.GetFullPath(Path.Combine(NotebookKernelInternals.LibraryFolder, "..", "..", "tools", "CompatibilityPatcher", "CompatibilityPatcher.dll")),
            "the compatibility patcher of the Microsoft.ML.LrFinder package (reference the package with #r \"nuget:Microsoft.ML.LrFinder\")");
        var lines = new List<string>();
        string folder = PatchedFolder(sources, patcher, lines);

        if (libtorch is not null)
        {
            // libtorch from its package, by full path, so that the patched binding's dependencies resolve to these already loaded
            // libraries; then the binding itself, which TorchSharp's own lookup by name finds loaded.
            foreach (string library in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
            {
                NativeLibrary.Load(Path.Combine(libtorch, library));
            }

            NativeLibrary.Load(Path.Combine(folder, "libLibTorchSharp.so"));
        }

        NotebookKernelInternals.Load(Path.Combine(folder, "TorchSharp.dll"));
        NotebookKernelInternals.Load(Path.Combine(folder, "Microsoft.ML.TorchSharp.dll"));
        lines.Add($"TorchSharp and Microsoft.ML.TorchSharp loaded from {folder} (patched copies; docs/compatibility.md).");
        return lines;
    }

    // The folder of patched copies; made once per set of sources (staged, then moved into place, so two kernels never see half).
    private static string PatchedFolder(IReadOnlyList<string> sources, string patcher, List<string> lines)
    {
        string key = string.Join('\n', sources.Append(patcher).Select(f => f + "|" + File.GetLastWriteTimeUtc(f).Ticks));
        string name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant();
        string folder = Path.Combine(Path.GetTempPath(), "lrfinder-notebook", name);
        if (Directory.Exists(folder))
        {
            return folder;
        }

        string staging = folder + "." + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(staging);
        foreach (string source in sources)
        {
            File.Copy(source, Path.Combine(staging, Path.GetFileName(source)));
        }

        lines.AddRange(RunPatcher(patcher, staging).Select(line => line.Replace(staging, folder, StringComparison.Ordinal)));
        try
        {
            Directory.Move(staging, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            // Another kernel made the same folder first: use it.
            Directory.Delete(staging, recursive: true);
        }

        return folder;
    }

    private static IReadOnlyList<string> RunPatcher(string patcher, string folder)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", patcher, folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName} to run {patcher}.");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(PatcherTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The compatibility patcher did not finish on {folder} within {PatcherTimeout.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The compatibility patcher failed on {folder} (exit code {process.ExitCode}): {output}{error.Result}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    // The kernel runs on the dotnet host; a build sets DOTNET_HOST_PATH to it. Otherwise the one on the PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
        : "dotnet";

    private static string DefaultPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string Existing(string path, string what) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"The notebook kernel needs {path}, from {what}; it is missing.", path);
}
