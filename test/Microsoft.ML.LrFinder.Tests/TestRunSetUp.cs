using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests;

/// <summary>
/// Run-wide set-up and clean-up: libtorch's NNPACK is off for the run (on this CPU it would print a warning per convolution to
/// standard error, some 15,000 lines per run), and the run's temp folder (generated weight files, ML.NET temp files) goes when
/// the run ends.
/// </summary>
[SetUpFixture]
public sealed class TestRunSetUp
{
    /// <summary>The run's NNPACK scope; <see cref="TorchSharp.LibTorchNnpackTests"/> reopens it around itself.</summary>
    internal static IDisposable? Nnpack { get; set; }

    [OneTimeSetUp]
    public void DisableNnpack() => Nnpack = LibTorchNnpack.Disable();

    [OneTimeTearDown]
    public void DeleteTestRunFolder()
    {
        Nnpack?.Dispose();
        TestRunFolder.Delete();
    }
}
