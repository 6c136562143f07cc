using System.Globalization;
using Microsoft.ML.LrFinder.Tests.Plotting;

namespace Microsoft.ML.LrFinder.Tests.Reporting;

public class LrCurveCsvTests
{
    private static readonly LrCurvePoint[] AwkwardPoints =
    [
        new(0, 1e-7, 2.302585092994046, 2.302585092994046),
        new(1, 0.1 + 0.2, 1.0 / 3, double.Epsilon),
        new(2, 1.2045035402587823e-7, -0.0, -1e-300),
        new(3, double.MaxValue, double.NaN, double.NaN),
        new(4, 10, double.PositiveInfinity, double.NegativeInfinity),
        new(int.MaxValue, 5e-324, 123456789.12345679, 9.8765432109876543e+200),
    ];

    [Test]
    public void A_saved_curve_loads_back_bit_for_bit_including_NaN_infinities_and_negative_zero()
    {
        string path = Path.Combine(TempFolder(), "curve.csv");
        ResultOf(AwkwardPoints).SaveCsv(path);
        var loaded = LrFinderReport.LoadCsv(path);

        Assert.That(loaded, Has.Count.EqualTo(AwkwardPoints.Length));
        for (int i = 0; i < AwkwardPoints.Length; i++)
        {
            Assert.That(loaded[i].Iteration, Is.EqualTo(AwkwardPoints[i].Iteration));
            Assert.That(Bits(loaded[i]), Is.EqualTo(Bits(AwkwardPoints[i])), $"point {i}");
        }
    }

    [Test]
    public void A_real_shaped_curve_round_trips_exactly()
    {
        var points = SyntheticResults.UShapedPoints();
        string path = Path.Combine(TempFolder(), "curve.csv");
        ResultOf(points).SaveCsv(path);
        Assert.That(LrFinderReport.LoadCsv(path), Is.EqualTo(points));
    }

    [Test]
    public void The_file_has_the_fixed_header_and_invariant_numbers_whatever_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // German writes 0,5 for a half: a culture-dependent writer would break the columns.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            string path = Path.Combine(TempFolder(), "curve.csv");
            ResultOf([new LrCurvePoint(0, 0.5, 1.25, double.NaN)]).SaveCsv(path);
            Assert.That(File.ReadAllText(path), Is.EqualTo("iteration,lr,loss,smoothed_loss\n0,0.5,1.25,NaN\n"));
            Assert.That(LrFinderReport.LoadCsv(path)[0].LearningRate, Is.EqualTo(0.5));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [TestCase("iteration,lr,loss\n0,1,2\n", 1, 4, "smoothed_loss")]
    [TestCase("iteration,lr,loss,smoothed_loss,extra\n0,1,2,3,4\n", 1, 5, "extra")]
    [TestCase("iteration,learning_rate,loss,smoothed_loss\n", 1, 2, "learning_rate")]
    [TestCase("", 1, 0, "empty")]
    [TestCase("iteration,lr,loss,smoothed_loss\n0,1e-7,2.3,2.3\n1,abc,2.3,2.3\n", 3, 2, "abc")]
    [TestCase("iteration,lr,loss,smoothed_loss\n0,1e-7,2.3,2.3\n1.5,1e-7,2.3,2.3\n", 3, 1, "1.5")]
    [TestCase("iteration,lr,loss,smoothed_loss\n0,1e-7,2.3,0,5\n", 2, 0, "5 values")]
    [TestCase("iteration,lr,loss,smoothed_loss\n0,1e-7,2.3,2.3\n\n1,1e-7,2.3,2.3\n", 3, 0, "blank")]
    [TestCase("iteration,lr,loss,smoothed_loss\n0,1e-7,2.3,\n", 2, 4, "''")]
    public void A_malformed_file_is_rejected_naming_the_line_and_column(string content, int line, int column, string detail)
    {
        string path = Path.Combine(TempFolder(), "bad.csv");
        File.WriteAllText(path, content);
        var ex = Assert.Throws<FormatException>(() => LrFinderReport.LoadCsv(path));
        Assert.That(ex!.Message, Does.Contain($"line {line}").And.Contain(detail).And.Contain(path));
        if (column > 0)
        {
            Assert.That(ex.Message, Does.Contain($"column {column}"));
        }
    }

    [Test]
    public void A_Windows_saved_file_with_a_byte_order_mark_and_CRLF_lines_loads()
    {
        string path = Path.Combine(TempFolder(), "windows.csv");
        File.WriteAllText(path, "iteration,lr,loss,smoothed_loss\r\n0,1E-07,2.5,2.5\r\n", new System.Text.UTF8Encoding(true));
        Assert.That(LrFinderReport.LoadCsv(path), Is.EqualTo(new[] { new LrCurvePoint(0, 1e-7, 2.5, 2.5) }));
    }

    [Test]
    public void Saving_over_an_existing_file_replaces_it_and_leaves_no_temporary_file()
    {
        string folder = TempFolder();
        string path = Path.Combine(folder, "curve.csv");
        File.WriteAllText(path, "old content that is longer than the new file will be, to catch a writer that does not truncate");
        ResultOf([new LrCurvePoint(0, 1, 2, 3)]).SaveCsv(path);
        Assert.That(File.ReadAllText(path), Is.EqualTo("iteration,lr,loss,smoothed_loss\n0,1,2,3\n"));
        Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { path }));
    }

    internal static LrFinderResult ResultOf(IEnumerable<LrCurvePoint> points) =>
        new(new LrCurve(points, 100), LrFinderStopReason.AsRecorded, [], null, [], new LrFinderOptions(), TimeSpan.Zero);

    internal static string TempFolder()
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static long[] Bits(LrCurvePoint point) =>
        [BitConverter.DoubleToInt64Bits(point.LearningRate), BitConverter.DoubleToInt64Bits(point.Loss), BitConverter.DoubleToInt64Bits(point.SmoothedLoss)];
}
