using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Package;

/// <summary>
/// The package in a user's hands: packs the library into a folder feed, then restores, builds and runs a console app
/// (Package/ConsumerApp) in a folder outside the repository that references only the package and the native backend, with
/// the feed and the user's usual NuGet sources. The app runs (a) the generic finder and (b) a TextClassification
/// <c>WithLrFinder()</c> fit on random trial weights; both must select a learning rate. The build must run the
/// compatibility steps the package carries (docs/compatibility.md): without them the app cannot load libtorch here.
/// </summary>
/// <remarks>
/// The package gets a version of its own for this run, so the NuGet cache never serves an older build of it; that cache entry
/// is removed afterwards. Every other package comes from the cache, so a warm run costs about a build and a short sweep.
/// </remarks>
[Category(Category)]
public class PackageConsumerTests
{
    /// <summary>The category of the test: <c>--filter "TestCategory=Package"</c> runs it alone.</summary>
    public const string Category = "Package";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(15);

    [Test]
    public void A_console_app_outside_the_repository_runs_both_finders_from_the_package()
    {
        string repository = RepositoryRoot();
        string version = "0.1.0-consumer." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId;
        string work = Path.Combine(Path.GetTempPath(), "lrfinder-consumer-" + Guid.NewGuid().ToString("N"));
        string feed = Path.Combine(work, "feed");
        string app = Path.Combine(work, "app");
        Assert.That(Path.GetRelativePath(repository, app), Does.StartWith(".."), "the app must live outside the repository");
        try
        {
            // Pack the library as the test run built it (same configuration, same ML.NET line), without building or restoring it
            // again: the package depends on the line's Microsoft.ML and Microsoft.ML.TorchSharp, and so does the app.
            var pack = Dotnet(
                repository,
                ["pack", Path.Combine(repository, "src", "Microsoft.ML.LrFinder", "Microsoft.ML.LrFinder.csproj"),
                 "--no-build", "-c", BuildConfiguration(), "-o", feed, "-p:Version=" + version, .. MLNetLine.BuildArguments]);
            Assert.That(pack.ExitCode, Is.EqualTo(0), pack.ToString);

            WriteApp(app, feed, version);
            var build = Dotnet(app, "build", "-c", "Release", "-nologo");
            Assert.That(build.ExitCode, Is.EqualTo(0), build.ToString);
            Assert.That(build.Output, Does.Contain("lrfinder-compat:"), "the package's buildTransitive targets ran the compatibility patcher");
            Assert.That(
                ProductVersion(Path.Combine(app, "bin", "Release", "net10.0", "Microsoft.ML.TorchSharp.dll")),
                Does.StartWith(MLNetLine.MicrosoftMLTorchSharpVersion + "+"),
                "the app resolved the Microsoft.ML.TorchSharp of the line the package was packed on");
            TestContext.Out.WriteLine(string.Join('\n', build.Output.Split('\n').Where(l => l.Contains("lrfinder-compat:", StringComparison.Ordinal)).Select(l => l.Trim())));

            string comments = Path.Combine(AppContext.BaseDirectory, "TestData", "wikipedia-detox-short-64.tsv");
            string mlNetTemp = Path.Combine(work, "mlnet-temp");
            var run = Dotnet(app, "run", "--no-build", "-c", "Release", "--", comments, mlNetTemp);
            TestContext.Out.WriteLine(run.Output);
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString);
                Assert.That(run.Output, Does.Match(@"generic finder: \w+ after \d+ iterations; selected learning rate [0-9.eE+-]+"));
                // One progress report per batch the sweep ran (it may stop early, at divergence).
                Assert.That(run.Output, Does.Match(@"text classification: \w+ after (\d+) iterations \(\1 progress reports\); selected learning rate [0-9.eE+-]+"));
                Assert.That(run.Output, Does.Not.Contain("NNPACK"));
            });
        }
        finally
        {
            DeleteQuietly(work);
            DeleteQuietly(Path.Combine(NuGetPackagesFolder(), "microsoft.ml.lrfinder", version));
        }
    }

    // The app folder: the template's project with this run's version, the program, a NuGet.config that adds the folder feed to
    // the user's sources, and empty Directory.Build files so that nothing above the folder is imported.
    private static void WriteApp(string app, string feed, string version)
    {
        string template = Path.Combine(AppContext.BaseDirectory, "Package", "ConsumerApp");
        Directory.CreateDirectory(app);
        File.WriteAllText(
            Path.Combine(app, "Consumer.csproj"),
            File.ReadAllText(Path.Combine(template, "Consumer.csproj.template")).Replace("@LRFINDER_VERSION@", version, StringComparison.Ordinal));
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(app, "Program.cs"));
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="lrfinder-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
    }

    private static ProcessResult Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into a user's build.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish in {StepTimeout}:\n{output}");
        }

        process.WaitForExit();
        TestContext.Progress.WriteLine(FormattableString.Invariant($"[package] dotnet {arguments[0]}: exit {process.ExitCode} in {stopwatch.Elapsed.TotalSeconds:F0} s"));
        return new ProcessResult(string.Join(' ', arguments), process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string? ProductVersion(string assembly) => FileVersionInfo.GetVersionInfo(assembly).ProductVersion;

    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    private static string BuildConfiguration() =>
        typeof(PackageConsumerTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } configuration
            ? configuration
            : "Debug";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LrFinder.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No LrFinder.sln above {AppContext.BaseDirectory}.");
    }

    private static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover folder under the temp folder or the NuGet cache is harmless; the assertion that failed matters more.
        }
    }

    private sealed record ProcessResult(string Command, int ExitCode, string Output)
    {
        public override string ToString() => $"dotnet {Command} exited with {ExitCode}:\n{Output}";
    }
}
