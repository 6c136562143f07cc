using System.Text;
using System.Text.Json;
using Microsoft.ML.LrFinder.Tests.Plotting;

namespace Microsoft.ML.LrFinder.Tests.Reporting;

/// <summary>The report methods' arguments, and the file details a user or another tool relies on.</summary>
public class ReportFileTests
{
    [Test]
    public void Missing_arguments_are_refused_by_name_before_any_file_is_touched()
    {
        var result = SyntheticResults.Diverged();
        string path = Path.Combine(LrCurveCsvTests.TempFolder(), "report");
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => LrFinderReport.ToText(null!))!.ParamName, Is.EqualTo("result"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => LrFinderReport.ToJson(null!))!.ParamName, Is.EqualTo("result"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => LrFinderReport.SaveCsv(null!, path))!.ParamName, Is.EqualTo("result"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => LrFinderReport.SaveJson(null!, path))!.ParamName, Is.EqualTo("result"));
            Assert.That(Assert.Throws<ArgumentException>(() => result.SaveCsv(string.Empty))!.ParamName, Is.EqualTo("path"));
            Assert.That(Assert.Throws<ArgumentException>(() => result.SaveJson(string.Empty))!.ParamName, Is.EqualTo("path"));
            Assert.That(Assert.Throws<ArgumentException>(() => LrFinderReport.LoadCsv(string.Empty))!.ParamName, Is.EqualTo("path"));
            Assert.That(Assert.Throws<ArgumentException>(() => LrFinderReport.LoadCsvColumns(string.Empty))!.ParamName, Is.EqualTo("path"));
            Assert.That(Assert.Throws<ArgumentException>(() => LrFinderReport.LoadCsvColumns(path, learningRateColumn: string.Empty))!.ParamName, Is.EqualTo("learningRateColumn"));
            Assert.That(Assert.Throws<ArgumentException>(() => LrFinderReport.LoadCsvColumns(path, lossColumn: string.Empty))!.ParamName, Is.EqualTo("lossColumn"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => LrReportFormat.Window(null!))!.ParamName, Is.EqualTo("curve"));
            Assert.That(File.Exists(path), Is.False);
        });
    }

    [Test]
    public void A_path_that_names_no_file_is_refused()
    {
        string root = Path.GetPathRoot(Path.GetTempPath())!;
        var error = Assert.Throws<ArgumentException>(() => SyntheticResults.Diverged().SaveCsv(root));
        Assert.That(error!.Message, Does.StartWith($"'{root}' names no file."));
    }

    [Test]
    public void The_csv_file_has_no_byte_order_mark()
    {
        // docs/plot-and-report.md: UTF-8 without BOM, so the first byte is the header's.
        string path = Path.Combine(LrCurveCsvTests.TempFolder(), "lr-find.csv");
        SyntheticResults.Diverged().SaveCsv(path);
        Assert.That(File.ReadAllBytes(path)[..9], Is.EqualTo(Encoding.ASCII.GetBytes("iteration")));
    }

    [Test]
    public void A_csv_file_saved_as_utf16_with_its_byte_order_mark_loads()
    {
        // Windows PowerShell 5's Out-File and Excel's "Unicode text" write UTF-16 with a BOM.
        string folder = LrCurveCsvTests.TempFolder();
        string curve = Path.Combine(folder, "curve.csv");
        File.WriteAllText(curve, "iteration,lr,loss,smoothed_loss\n0,0.001,2.5,2.5\n", Encoding.Unicode);
        Assert.That(LrFinderReport.LoadCsv(curve), Is.EqualTo(new[] { new LrCurvePoint(0, 0.001, 2.5, 2.5) }));
        string columns = Path.Combine(folder, "columns.csv");
        File.WriteAllText(columns, "lr,loss\n0.001,2.5\n", Encoding.Unicode);
        Assert.That(LrFinderReport.LoadCsvColumns(columns), Is.EqualTo(new[] { (0.001, 2.5) }));
    }

    [Test]
    public void The_json_report_is_indented_and_names_the_curve_each_rule_read()
    {
        var points = SyntheticResults.UShapedPoints();
        var curve = new LrCurve(points, 100);
        var lagFree = LrSuggestion.At("lagfree", points[40].LearningRate, points[40], "by hand.", LrLossCurve.LagFree);
        var smoothed = LrSuggestion.At("valley", points[30].LearningRate, points[30], "by hand.");
        var result = new LrFinderResult(curve, LrFinderStopReason.Completed, [lagFree, smoothed], lagFree, [], new LrFinderOptions(), TimeSpan.Zero);
        string text = result.ToJson();
        Assert.That(text, Does.StartWith("{\n  \"stopReason\": \"Completed\",").Or.StartWith("{\r\n  \"stopReason\": \"Completed\","));
        using var json = JsonDocument.Parse(text);
        var curves = json.RootElement.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("curve").GetString());
        Assert.That(curves, Is.EqualTo(new[] { "lagFree", "smoothed" }));
    }

    [Test]
    public void The_rule_of_a_configured_method_is_printed_when_it_is_not_the_selector()
    {
        // A configured rule that is not the selector still has its rule printed: the rules come from the options' methods.
        var custom = new MiddleMethod();
        var curve = new LrCurve(SyntheticResults.UShapedPoints(), 100);
        var result = LrCurveAnalysis.Analyze(curve, new LrFinderOptions { SuggestionMethods = [custom] });
        Assert.That(result.ToText(), Does.Contain("        rule:  " + custom.Rule));
    }

    [Test]
    public void An_empty_curve_has_no_learning_rate_range()
    {
        var result = new LrFinderResult(new LrCurve([], 100), LrFinderStopReason.Cancelled, [], null, [], new LrFinderOptions(), TimeSpan.Zero);
        Assert.That(result.ToText(), Does.Contain("  Iterations:  0 run of 100 requested" + Environment.NewLine));
    }

    [Test]
    public void A_derived_rate_more_than_a_million_times_away_is_labelled_without_a_factor()
    {
        var point = new LrCurvePoint(80, 1, 0.5, 0.5);
        Assert.That(LrReportFormat.SuggestionLabel(LrSuggestion.At("custom", 1e-7, point, "")), Is.EqualTo("custom = 1e-7 (custom point at 1e+0)"));
    }

    private sealed class MiddleMethod : ILrSuggestionMethod
    {
        public string Name => "middle";

        public string Rule => "the learning rate of the middle point of the window.";

        public LrSuggestion Suggest(LrCurve curve)
        {
            var point = curve.Points[(curve.WindowStart + curve.WindowEnd) / 2];
            return LrSuggestion.At(Name, point.LearningRate, point, "the middle point.");
        }
    }
}
