namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>
/// One temporary folder per test run (per test process), so that parallel runs on one machine never share weight files or
/// ML.NET temp files. Created on first use; <see cref="TestRunSetUp"/> deletes it when the run ends.
/// </summary>
internal static class TestRunFolder
{
    private static readonly Lazy<string> Root = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The run's folder; <c>MLContext.TempFilePath</c> of every test context points here.</summary>
    public static string Path => Root.Value;

    /// <summary>Deletes the folder if this run created it.</summary>
    public static void Delete()
    {
        if (Root.IsValueCreated && Directory.Exists(Root.Value))
        {
            Directory.Delete(Root.Value, recursive: true);
        }
    }

    private static string Create()
    {
        string path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(),
            $"lrfinder-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
