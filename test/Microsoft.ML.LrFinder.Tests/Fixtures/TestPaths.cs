namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>Where the repository is, for tests that read its sources or run its build script.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding LrFinder.sln, above the test's output folder.</summary>
    public static string RepositoryRoot
    {
        get
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
    }
}
