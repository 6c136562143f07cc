using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.TorchSharp;

/// <summary>
/// libtorch's NNPACK switch: found in the loaded libtorch, off inside <see cref="LibTorchNnpack.Disable"/> and during a
/// sweep, put back afterwards. The run's set-up (TestRunSetUp) keeps NNPACK off for the whole run; these tests turn it on
/// around themselves to see the switch move.
/// </summary>
[NonParallelizable]
public class LibTorchNnpackTests
{
    [Test]
    public void The_switch_is_found_in_the_loaded_libtorch()
    {
        Assert.That(LibTorchNnpack.IsEnabled, Is.Not.Null, "at::Context::userEnabledNNPACK was not found");
    }

    [Test]
    public void Disable_turns_it_off_and_the_last_of_overlapping_scopes_puts_it_back()
    {
        using var on = SwitchedOn();
        var outer = LibTorchNnpack.Disable();
        var inner = LibTorchNnpack.Disable();
        Assert.That(LibTorchNnpack.IsEnabled, Is.False);
        outer.Dispose();
        Assert.That(LibTorchNnpack.IsEnabled, Is.False, "an overlapping scope is still open");
        inner.Dispose();
        inner.Dispose();
        Assert.That(LibTorchNnpack.IsEnabled, Is.True);
    }

    [Test]
    public void A_sweep_runs_with_NNPACK_off_and_leaves_it_as_it_was()
    {
        using var on = SwitchedOn();
        using var setup = new SmallClassifier();
        var seen = new List<bool?>();
        var progress = new SynchronousProgress<LrFinderProgress>(_ => seen.Add(LibTorchNnpack.IsEnabled));
        TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.LossModule.call, setup.Batches, new TorchSharpLrFinderOptions { NumberOfIterations = 5 }, progress);
        Assert.That(seen, Is.All.False);
        Assert.That(LibTorchNnpack.IsEnabled, Is.True);
    }

    // Undoes the run-wide Disable of TestRunSetUp for one test, and redoes it after.
    private static IDisposable SwitchedOn()
    {
        TestRunSetUp.Nnpack?.Dispose();
        Assert.That(LibTorchNnpack.IsEnabled, Is.True, "NNPACK is on by default in libtorch");
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => TestRunSetUp.Nnpack = LibTorchNnpack.Disable();
    }
}
