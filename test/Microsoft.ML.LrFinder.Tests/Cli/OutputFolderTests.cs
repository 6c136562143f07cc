using Microsoft.ML.LrFinder.Cli;
using Microsoft.ML.LrFinder.Cli.Output;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary>The output folder appears complete or not at all, and a re-run replaces only the tool's own files.</summary>
public class OutputFolderTests
{
    [Test]
    public void Nothing_appears_until_commit_and_nothing_is_left_without_it()
    {
        using var temp = new TempFolder();
        string target = temp.File("out");
        using (var folder = OutputFolder.Begin(target))
        {
            File.WriteAllText(folder.PathFor("lr-find.csv"), "x");
            Assert.That(Directory.Exists(target), Is.False);
        }

        Assert.That(temp.Entries(), Is.Empty, "the staging folder is removed when the run fails");
    }

    [Test]
    public void Commit_into_an_existing_folder_replaces_the_files_and_keeps_others()
    {
        using var temp = new TempFolder();
        string target = temp.File("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "lr-find.csv"), "old");
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        using (var folder = OutputFolder.Begin(target))
        {
            File.WriteAllText(folder.PathFor("lr-find.csv"), "new");
            folder.Commit();
        }

        Assert.That(temp.Entries(), Is.EqualTo(new[] { "out", "out/lr-find.csv", "out/notes.txt" }));
        Assert.That(File.ReadAllText(Path.Combine(target, "lr-find.csv")), Is.EqualTo("new"));
        Assert.That(File.ReadAllText(Path.Combine(target, "notes.txt")), Is.EqualTo("mine"));
    }

    [Test]
    public void A_file_in_the_way_is_bad_input()
    {
        using var temp = new TempFolder();
        string file = temp.Write("out", "x");
        var e = Assert.Throws<CliUsageException>(() => OutputFolder.Begin(file));
        Assert.That(e!.Message, Does.Contain("is a file"));
    }
}
