using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests;

/// <summary>Run-wide clean-up: the run's temp folder (generated weight files, ML.NET temp files) goes when the run ends.</summary>
[SetUpFixture]
public sealed class TestRunSetUp
{
    [OneTimeTearDown]
    public void DeleteTestRunFolder() => TestRunFolder.Delete();
}
