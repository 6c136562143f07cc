using System.Globalization;
using System.Text.Json;
using Microsoft.ML.LrFinder.Cli;

namespace Microsoft.ML.LrFinder.Tests.Cli;

/// <summary>
/// <c>lrfind suggest</c> on hand-made curves whose suggestions are worked out by hand below, following the rules of
/// src/Microsoft.ML.LrFinder/Suggestions (fastai's semantics: fastai/callback/schedule.py) and the window of LrCurve
/// (skip the first requested/10 points and the last 5).
/// </summary>
public class SuggestCommandTests
{
    // Curve A: 20 rows, lr = (row + 1)/1000, losses already smoothed. With --num-iterations 20 the window is rows 2..14
    // (skip 20/10 = 2 at the start, 5 at the end), 13 points:
    //   window point k = 0..12 (row k+2):  2.8, 2.0, 1.8, 1.6, 1.4, 1.2, 1.0, 0.9, 0.85, 0.9, 1.1, 1.5, 2.0
    // valley:   the longest strictly decreasing run ends at k = 8 with 9 points; start = 8 - 9 = -1 (fastai's off-by-one),
    //           sections = 9/3 = 3, index = -1 + 3 + floor(3/2) = 3 -> row 5, lr 0.006.
    // minimum:  lowest loss 0.85 at k = 8 -> row 10, lr 0.011; suggestion 0.011/10 = 0.0011.
    // steep:    slopes Δloss/Δln(lr) between consecutive points: k0 -0.8/ln(4/3) = -2.781, k1 -0.2/ln(5/4) = -0.896,
    //           k2 -1.097, k3 -1.297, k4 -1.498, k5 -0.2/ln(9/8) = -1.698, k6 -0.949, k7 -0.525, the rest >= 0:
    //           steepest at k = 0 -> row 2, lr 0.003.
    // slide:    needs 16 window points (gradients 15 apart); 13 -> no suggestion.
    // halfdrop: running median of 5 (shrinking at the ends): 2.8, 2.0, 1.8, 1.6, 1.4, 1.2, 1.0, 0.9, 0.9, 0.9, 1.1, 1.5, 2.0;
    //           running mean of 3: 2.8, 2.2, 1.8, 1.6, 1.4, 1.2, 1.033, 0.933, 0.9, 0.967, 1.167, 1.533, 2.0.
    //           Minimum 0.9 at k = 8, highest before it 2.8 at k = 0, halfway level 0.9 + 1.9/2 = 1.85; first point at or
    //           below it: k = 2 (1.8) -> row 4, lr 0.005.
    private static readonly double[] CurveALosses =
        [3.0, 2.9, 2.8, 2.0, 1.8, 1.6, 1.4, 1.2, 1.0, 0.9, 0.85, 0.9, 1.1, 1.5, 2.0, 3, 4, 5, 6, 7];

    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Hand_worked_suggestions_as_json()
    {
        string csv = WriteCurve("a.csv", CurveALosses);
        var run = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--num-iterations", "20", "--format", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);

        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.That(root.GetProperty("stopReason").GetString(), Is.EqualTo("AsRecorded"));
        Assert.That(root.GetProperty("iterations").GetInt32(), Is.EqualTo(20));
        var byMethod = root.GetProperty("suggestions").EnumerateArray().ToDictionary(s => s.GetProperty("method").GetString()!);
        Assert.That(byMethod.Keys, Is.EqualTo(new[] { "lagfree", "valley", "slide", "minimum", "steep", "halfdrop" }));
        Assert.Multiple(() =>
        {
            AssertSuggestion(byMethod["valley"], 0.006, 0.006, 1.6);
            AssertSuggestion(byMethod["minimum"], 0.0011, 0.011, 0.85);
            AssertSuggestion(byMethod["steep"], 0.003, 0.003, 2.8);
            AssertSuggestion(byMethod["halfdrop"], 0.005, 0.005, 1.8);
            Assert.That(byMethod["slide"].GetProperty("learningRate").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(byMethod["slide"].GetProperty("explanation").GetString(), Does.Contain("16").And.Contain("13"));
            // lagfree, the default: the geometric mean of halfdrop's 5e-3 and the lag-free minimum's rate ÷ 8 (a saved curve's
            // rate is read as a constant rate). On 20 points over 1.3 decades the 0.25-decade smoother is wide, so its minimum
            // sits next to the raw one (iteration 10).
            var lagFree = byMethod["lagfree"];
            Assert.That(lagFree.GetProperty("curve").GetString(), Is.EqualTo("lagFree"));
            Assert.That(lagFree.GetProperty("learningRate").GetDouble(), Is.EqualTo(Math.Sqrt(0.005 * lagFree.GetProperty("pointLearningRate").GetDouble() / 8)).Within(1e-15));
            Assert.That(lagFree.GetProperty("pointLearningRate").GetDouble(), Is.EqualTo(0.011).Within(1e-15).Or.EqualTo(0.012).Within(1e-15));
            Assert.That(root.GetProperty("selected").GetProperty("method").GetString(), Is.EqualTo("lagfree"));
            Assert.That(root.GetProperty("selected").GetProperty("learningRate").GetDouble(), Is.EqualTo(lagFree.GetProperty("learningRate").GetDouble()));
        });
    }

    [Test]
    public void Hand_worked_suggestions_as_a_table()
    {
        string csv = WriteCurve("a.csv", CurveALosses);
        var run = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--num-iterations", "20");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        string[] lines = run.Out.Split('\n');
        Assert.Multiple(() =>
        {
            // Learning rates as the plot labels them (LrReportFormat, 0.##e+0); the point's row number is its iteration.
            Assert.That(Row(lines, "valley"), Does.Match(@"^  valley +6e-3 +5 +6e-3 +1\.6$"));
            Assert.That(Row(lines, "lagfree"), Does.Match(@"^  lagfree \* +2\.74e-3 +11 +1\.2e-2 +1\.231$"));
            Assert.That(Row(lines, "minimum"), Does.Match(@"^  minimum +1\.1e-3 +10 +1\.1e-2 +0\.85$"));
            Assert.That(Row(lines, "steep"), Does.Match(@"^  steep +3e-3 +2 +3e-3 +2\.8$"));
            Assert.That(Row(lines, "halfdrop"), Does.Match(@"^  halfdrop +5e-3 +4 +5e-3 +1\.8$"));
            Assert.That(Row(lines, "slide"), Does.Match(@"^  slide +none +- +- +-$"));
            Assert.That(run.Out, Does.Contain("Selected:  lagfree = 2.74e-3 (lag-free minimum at 1.2e-2) (* in the table)"));
            Assert.That(run.Out, Does.Contain("points 2 to 14"));
            Assert.That(lines, Has.None.Match(@" +\r?$"), "no trailing spaces in redirected output");
        });
    }

    [Test]
    public void Suggest_option_picks_the_methods_and_the_first_is_selected()
    {
        string csv = WriteCurve("a.csv", CurveALosses);
        var run = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--num-iterations", "20", "--format", "json", "--suggest", "steep,minimum");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        using var json = JsonDocument.Parse(run.Out);
        var methods = json.RootElement.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("method").GetString());
        Assert.That(methods, Is.EqualTo(new[] { "steep", "minimum" }));
        Assert.That(json.RootElement.GetProperty("selected").GetProperty("method").GetString(), Is.EqualTo("steep"));
    }

    [Test]
    public void Number_of_iterations_defaults_to_the_row_count()
    {
        // 20 rows: the default --num-iterations is 20, so the window and every suggestion are those of the explicit run.
        string csv = WriteCurve("a.csv", CurveALosses);
        var implicitRun = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--format", "json");
        var explicitRun = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--format", "json", "--num-iterations", "20");
        Assert.That(implicitRun.Out, Is.EqualTo(explicitRun.Out));

        // 100 requested iterations skip the first 10 rows: the window becomes rows 10..14, and the minimum is still row 10.
        var wide = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--format", "json", "--num-iterations", "100", "--suggest", "valley");
        using var json = JsonDocument.Parse(wide.Out);
        var valley = json.RootElement.GetProperty("suggestions")[0];
        Assert.That(valley.GetProperty("learningRate").ValueKind, Is.EqualTo(JsonValueKind.Null), "rows 10..14 only rise after row 10");
    }

    [Test]
    public void Slide_on_a_hand_worked_curve()
    {
        // Curve B: 27 rows, lr = (row + 1)/1000, --num-iterations 20: window rows 2..21 (20 points). In the window the loss
        // falls by 0.1 per point from 2.0 at k = 0 to 0.4 at k = 16, then stays at 0.4. numpy-style gradients: -0.1 for
        // k = 0..15, (0.4 - 0.5)/2 = -0.05 at k = 16, 0 for k = 17..19. Walking left with gradients 15 apart:
        // (19, 4) differ by 0.1, (18, 3) 0.1, (17, 2) 0.1, (16, 1) 0.05 -- all > 0.005 -- then (15, 0) differ by 0: stop.
        // The last left point is k = 1 -> row 3, lr 0.004.
        var losses = new List<double> { 2.2, 2.1 };
        losses.AddRange(Enumerable.Range(0, 20).Select(k => k <= 16 ? 2.0 - (0.1 * k) : 0.4));
        losses.AddRange([3, 4, 5, 6, 7]);
        string csv = WriteCurve("b.csv", [.. losses]);
        var run = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--num-iterations", "20", "--suggest", "slide", "--format", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        using var json = JsonDocument.Parse(run.Out);
        AssertSuggestion(json.RootElement.GetProperty("suggestions")[0], 0.004, 0.004, 1.9);
    }

    [Test]
    public void Epochs_lower_the_selection_of_a_long_fit_and_leave_a_short_one_alone()
    {
        string csv = WriteCurve("a.csv", CurveALosses);
        double Selected(params string[] extra)
        {
            var run = CliRun.InProcess(["suggest", "--input", csv, "--smoothed", "--num-iterations", "20", "--format", "json", .. extra]);
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
            using var json = JsonDocument.Parse(run.Out);
            return json.RootElement.GetProperty("selected").GetProperty("learningRate").GetDouble();
        }

        double curveOnly = Selected();
        Assert.Multiple(() =>
        {
            Assert.That(Selected("--epochs", "15"), Is.EqualTo(curveOnly), "15 epochs or fewer: the curve as it is");
            Assert.That(Selected("--epochs", "45"), Is.EqualTo(curveOnly / 9).Within(1e-15), "45 epochs: ÷ (45/15)²");
        });
        var bad = CliRun.InProcess("suggest", "--input", csv, "--epochs", "0");
        Assert.That(bad.ExitCode, Is.Not.EqualTo(ExitCodes.Success));
        Assert.That(bad.Error, Does.Contain("--epochs"));
    }

    [Test]
    public void Raw_losses_are_smoothed_with_the_debiased_moving_average()
    {
        // 7 rows, --num-iterations 7: the window is rows 0..1 (skip 7/10 = 0, and the last 5). Debiased EMA, beta 0.98:
        // row 0: avg = 0.02 * 3 = 0.06, smoothed 0.06 / (1 - 0.98) = 3;
        // row 1: avg = 0.98 * 0.06 + 0.02 * 1 = 0.0788, smoothed 0.0788 / (1 - 0.98^2) = 0.0788 / 0.0396 = 1.989898...
        // The minimum is row 1; its point loss is the smoothed value.
        string csv = WriteCurve("raw.csv", [3, 1, 5, 5, 5, 5, 5]);
        var run = CliRun.InProcess("suggest", "--input", csv, "--suggest", "minimum", "--format", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString);
        using var json = JsonDocument.Parse(run.Out);
        var minimum = json.RootElement.GetProperty("suggestions")[0];
        Assert.That(minimum.GetProperty("pointLearningRate").GetDouble(), Is.EqualTo(0.002));
        Assert.That(minimum.GetProperty("pointLoss").GetDouble(), Is.EqualTo(0.0788 / 0.0396).Within(1e-12));
    }

    [Test]
    public void Columns_are_found_by_name_in_any_order_and_others_are_ignored()
    {
        string csv = _folder.Write(
            "tool.csv",
            ["step,Loss,val_loss,LR", .. CurveALosses.Select((loss, i) => string.Create(CultureInfo.InvariantCulture, $"{i},{loss},99,{(i + 1) / 1000.0}"))]);
        var reordered = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--format", "json");
        var plain = CliRun.InProcess("suggest", "--input", WriteCurve("a.csv", CurveALosses), "--smoothed", "--format", "json");
        Assert.That(reordered.ExitCode, Is.EqualTo(ExitCodes.Success), reordered.ToString);
        Assert.That(reordered.Out, Is.EqualTo(plain.Out));

        var byOption = CliRun.InProcess("suggest", "--input", csv, "--smoothed", "--format", "json", "--loss-col", "val_loss");
        Assert.That(byOption.ExitCode, Is.EqualTo(ExitCodes.Success), byOption.ToString);
        Assert.That(byOption.Out, Does.Contain("never decreases"));
    }

    [Test]
    public void Plot_is_written_where_asked()
    {
        string csv = WriteCurve("a.csv", CurveALosses);
        string png = _folder.File("plots/curve.png");
        string svg = _folder.File("curve.svg");
        Assert.That(CliRun.InProcess("suggest", "--input", csv, "--plot", png).ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(CliRun.InProcess("suggest", "--input", csv, "--plot", svg).ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(File.ReadAllBytes(png).Take(4), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
        Assert.That(File.ReadAllText(svg), Does.Contain("<svg"));
        Assert.That(_folder.Entries(), Is.EqualTo(new[] { "a.csv", "curve.svg", "plots", "plots/curve.png" }));
    }

    private static void AssertSuggestion(JsonElement suggestion, double learningRate, double pointLearningRate, double pointLoss)
    {
        string method = suggestion.GetProperty("method").GetString()!;
        Assert.That(suggestion.GetProperty("learningRate").GetDouble(), Is.EqualTo(learningRate).Within(1e-15), method);
        Assert.That(suggestion.GetProperty("pointLearningRate").GetDouble(), Is.EqualTo(pointLearningRate).Within(1e-15), method);
        Assert.That(suggestion.GetProperty("pointLoss").GetDouble(), Is.EqualTo(pointLoss).Within(1e-12), method);
    }

    private static string Row(string[] lines, string method) =>
        lines.FirstOrDefault(l => l.TrimStart().StartsWith(method + " ", StringComparison.Ordinal)) ?? $"(no row for {method})";

    private string WriteCurve(string name, double[] losses) => _folder.Write(
        name,
        ["lr,loss", .. losses.Select((loss, i) => string.Create(CultureInfo.InvariantCulture, $"{(i + 1) / 1000.0},{loss}"))]);
}
