using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary>
/// Every bad input issue 6 lists: exit code 2, exactly one line on standard error that names the problem, no stack trace,
/// and nothing written. NaN and infinite losses are not bad input.
/// </summary>
public class BadInputTests
{
    // A stack frame line as .NET prints it: "   at Namespace.Type.Method(...)".
    private const string StackFrame = @"(?m)^\s+at \S+\(";

    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Missing_input_file()
    {
        string missing = _folder.File("nope.csv");
        AssertBadInput(CliRun.InProcess("suggest", "--input", missing), "does not exist", missing);
    }

    [Test]
    public void Input_that_is_a_folder()
    {
        AssertBadInput(CliRun.InProcess("suggest", "--input", _folder.Path), "is a directory");
    }

    [Test]
    public void Empty_csv()
    {
        string empty = _folder.Write("empty.csv");
        AssertBadInput(CliRun.InProcess("suggest", "--input", empty), "is empty", "empty.csv");
    }

    [Test]
    public void Unreadable_csv_binary_content()
    {
        string binary = _folder.File("curve.csv");
        File.WriteAllBytes(binary, [0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x0a, 0x42, 0x13]);
        AssertBadInput(CliRun.InProcess("suggest", "--input", binary), "has no column 'lr'");
    }

    [Test]
    public void Header_only_has_no_rows()
    {
        string csv = _folder.Write("curve.csv", "lr,loss");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv), "0 data row(s); a curve needs at least 2");
    }

    [Test]
    public void Curve_with_one_row()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv), "1 data row(s); a curve needs at least 2");
    }

    [Test]
    public void Missing_loss_column_lists_the_columns_found()
    {
        string csv = _folder.Write("curve.csv", "lr,los", "0.001,2.3", "0.01,2.2");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv), "has no column 'loss'", "'lr', 'los'");
    }

    [Test]
    public void Unknown_column_named_by_option()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.01,2.2");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv, "--loss-col", "val_loss"), "has no column 'val_loss'");
    }

    [Test]
    public void Non_numeric_loss_names_line_and_column()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.01,abc", "0.1,2.0");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv), "line 3, column 2 (loss): 'abc' is not a number");
    }

    [Test]
    public void Non_numeric_learning_rate_names_line_and_column()
    {
        string csv = _folder.Write("curve.csv", "loss,lr", "2.3,0.001", "2.2,1e-2x");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv), "line 3, column 2 (lr): '1e-2x' is not a number");
    }

    [Test]
    public void Learning_rates_not_strictly_increasing()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.01,2.2", "0.01,2.1");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv), "line 4", "strictly increasing");
    }

    [Test]
    public void Learning_rate_not_positive()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0,2.3", "0.01,2.2");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv), "line 2, column 1 (lr): '0' must be finite and greater than 0");
    }

    [Test]
    public void Row_shorter_than_the_header()
    {
        string csv = _folder.Write("curve.csv", "iteration,lr,loss", "0,0.001,2.3", "1,0.01");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv), "line 3");
    }

    [TestCase("1")]
    [TestCase("0")]
    [TestCase("-3")]
    public void Fewer_than_two_iterations_in_suggest(string iterations)
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.01,2.2");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv, "--num-iterations", iterations), "--num-iterations must be at least 2");
    }

    [Test]
    public void Fewer_than_two_iterations_in_demo_writes_nothing()
    {
        string output = _folder.File("out");
        AssertBadInput(CliRun.InProcess("demo", "-o", output, "--num-iterations", "1"), "--num-iterations must be at least 2");
        Assert.That(_folder.Entries(), Is.Empty);
    }

    [TestCase("1", "0.1")]
    [TestCase("0.01", "0.01")]
    public void Start_not_below_end(string start, string end)
    {
        string output = _folder.File("out");
        AssertBadInput(
            CliRun.InProcess("demo", "-o", output, "--start-lr", start, "--end-lr", end),
            $"--start-lr ({start}) must be less than --end-lr ({end})");
        Assert.That(_folder.Entries(), Is.Empty);
    }

    [TestCase("--start-lr", "-1", "must be finite and greater than 0")]
    [TestCase("--end-lr", "ten", "'ten' is not a number")]
    public void Learning_rate_options_out_of_range(string option, string value, string message)
    {
        AssertBadInput(CliRun.InProcess("demo", "-o", _folder.File("out"), option, value), option, message);
    }

    [Test]
    public void Unknown_suggestion_method_lists_the_known_ones()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.01,2.2");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv, "--suggest", "valley,bogus"), "unknown method 'bogus'", "valley");
    }

    [Test]
    public void Unknown_format()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.01,2.2");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv, "--format", "xml"), "xml");
    }

    [Test]
    public void Plot_file_with_unknown_extension()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.01,2.2");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv, "--plot", _folder.File("plot.pdf")), "must end in .png or .svg");
    }

    [Test]
    public void Bad_curve_leaves_no_plot_behind()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.0001,2.2");
        AssertBadInput(CliRun.InProcess("suggest", "--input", csv, "--plot", _folder.File("plot.png")), "strictly increasing");
        Assert.That(_folder.Entries(), Is.EqualTo(new[] { "curve.csv" }));
    }

    [Test]
    public void Output_that_is_a_file()
    {
        string file = _folder.Write("taken", "x");
        AssertBadInput(CliRun.InProcess("demo", "-o", file, "--num-iterations", "10", "--epochs", "1"), "is a file");
        Assert.That(_folder.Entries(), Is.EqualTo(new[] { "taken" }));
    }

    [Test]
    public void Unknown_option()
    {
        AssertBadInput(CliRun.InProcess("suggest", "--input", "x.csv", "--smooth"), "'--smooth'");
    }

    [Test]
    public void Unknown_command()
    {
        AssertBadInput(CliRun.InProcess("sweep"), "'sweep'");
    }

    [Test]
    public void No_command()
    {
        AssertBadInput(CliRun.InProcess(), "command");
    }

    [Test]
    public void Verbose_adds_the_stack_trace()
    {
        string csv = _folder.Write("curve.csv", "lr,loss", "0.001,2.3", "0.01,abc");
        var run = CliRun.InProcess("suggest", "--input", csv, "--verbose");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString);
        Assert.That(run.ErrorLines[0], Does.Contain("is not a number"));
        Assert.That(run.Error, Does.Match(StackFrame));
    }

    [Test]
    public void Nan_and_infinite_losses_are_not_bad_input()
    {
        string csv = _folder.Write(
            "curve.csv",
            "lr,loss",
            "1e-4,2.3",
            "1e-3,2.2",
            "1e-2,2.0",
            "1e-1,NaN",
            "1,inf",
            "10,-Infinity");
        var run = CliRun.InProcess("suggest", "--input", csv);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        Assert.That(run.Error, Is.Empty);
    }

    internal static void AssertBadInput(CliRun run, params string[] fragments)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString);
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.ToString);
            Assert.That(run.Error, Does.Not.Match(StackFrame).And.Not.Contain("Exception"), run.ToString);
            foreach (string fragment in fragments)
            {
                Assert.That(run.Error, Does.Contain(fragment), run.ToString);
            }
        });
    }
}
