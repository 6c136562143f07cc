using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>The leak detector of the fault matrices detects what it claims to: a tensor left alive, a temp file, a new working file.</summary>
[NonParallelizable]
public class SideEffectsTests
{
    [Test]
    public void A_tensor_left_alive_is_reported()
    {
        Tensor leaked;
        IReadOnlyList<string> found;
        using (var watch = SideEffects.Watch())
        {
            leaked = zeros(3);
            found = watch.LeftBehind();
        }

        leaked.Dispose();
        Assert.That(found, Has.One.StartsWith("native tensors left alive: 1 on this thread, 1 in the process (expected 0, at most 0)"));
    }

    [Test]
    public void A_file_written_to_the_temp_folder_is_reported()
    {
        using var watch = SideEffects.Watch();
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "left.tmp"), "x");
        Assert.That(watch.LeftBehind(), Has.One.EqualTo("temp files left: left.tmp"));
    }

    [Test]
    public void A_file_written_to_the_working_folder_is_reported()
    {
        string path = Path.Combine(Directory.GetCurrentDirectory(), "left-" + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using var watch = SideEffects.Watch();
            File.WriteAllText(path, "x");
            Assert.That(watch.LeftBehind(), Has.One.Contains(Path.GetFileName(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Nothing_done_reports_nothing()
    {
        using var watch = SideEffects.Watch();
        using (var scope = NewDisposeScope())
        {
            _ = ones(4) + 1;
        }

        Assert.That(watch.LeftBehind(), Is.Empty);
    }
}
