using Microsoft.ML.LrFinder.Reporting;

namespace Microsoft.ML.LrFinder.Tests.Reporting;

public class AtomicFileTests
{
    [Test]
    public void A_write_that_fails_part_way_leaves_the_old_file_untouched_and_no_temporary_file()
    {
        string folder = LrCurveCsvTests.TempFolder();
        string path = Path.Combine(folder, "report.json");
        File.WriteAllText(path, "previous report");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a new rep"u8);
            throw new InvalidOperationException("disk full, say");
        }));

        Assert.That(File.ReadAllText(path), Is.EqualTo("previous report"));
        Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void A_write_that_fails_leaves_no_file_where_there_was_none()
    {
        string folder = LrCurveCsvTests.TempFolder();
        string path = Path.Combine(folder, "curve.csv");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException()));
        Assert.That(Directory.GetFiles(folder), Is.Empty);
    }

    [Test]
    public void A_missing_folder_is_reported_and_nothing_is_created()
    {
        string folder = Path.Combine(LrCurveCsvTests.TempFolder(), "missing");
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Write(Path.Combine(folder, "x.csv"), _ => { }));
        Assert.That(Directory.Exists(folder), Is.False);
    }
}
