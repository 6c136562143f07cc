using System.Text.Json;
using Microsoft.ML.LrFinder.Tests.Plotting;

namespace Microsoft.ML.LrFinder.Tests.Reporting;

public class LrJsonReportTests
{
    [Test]
    public void The_report_has_exactly_the_fixed_keys_in_order()
    {
        using var json = JsonDocument.Parse(SyntheticResults.Diverged().ToJson());
        var root = json.RootElement;
        Assert.That(Keys(root), Is.EqualTo(new[] { "stopReason", "iterations", "suggestions", "selected", "warnings" }));
        foreach (var suggestion in root.GetProperty("suggestions").EnumerateArray())
        {
            Assert.That(Keys(suggestion), Is.EqualTo(new[] { "method", "learningRate", "pointLearningRate", "pointLoss", "curve", "explanation" }));
        }

        Assert.That(Keys(root.GetProperty("selected")), Is.EqualTo(new[] { "method", "learningRate" }));
    }

    [Test]
    public void The_values_are_the_results_exact_numbers()
    {
        var result = SyntheticResults.Diverged(selector: "minimum");
        using var json = JsonDocument.Parse(result.ToJson());
        var root = json.RootElement;
        Assert.That(root.GetProperty("stopReason").GetString(), Is.EqualTo("Diverged"));
        Assert.That(root.GetProperty("iterations").GetInt32(), Is.EqualTo(result.IterationsRun));
        var suggestions = root.GetProperty("suggestions").EnumerateArray().ToArray();
        Assert.That(suggestions, Has.Length.EqualTo(result.Suggestions.Count));
        for (int i = 0; i < suggestions.Length; i++)
        {
            var expected = result.Suggestions[i];
            Assert.That(suggestions[i].GetProperty("method").GetString(), Is.EqualTo(expected.Method));
            Assert.That(suggestions[i].GetProperty("learningRate").GetDouble(), Is.EqualTo(expected.LearningRate!.Value));
            Assert.That(suggestions[i].GetProperty("pointLearningRate").GetDouble(), Is.EqualTo(expected.Point!.Value.LearningRate));
            Assert.That(suggestions[i].GetProperty("pointLoss").GetDouble(), Is.EqualTo(expected.Point!.Value.SmoothedLoss));
            Assert.That(suggestions[i].GetProperty("explanation").GetString(), Is.EqualTo(expected.Explanation));
        }

        Assert.That(root.GetProperty("selected").GetProperty("method").GetString(), Is.EqualTo("minimum"));
        Assert.That(root.GetProperty("selected").GetProperty("learningRate").GetDouble(), Is.EqualTo(result.SelectedLearningRate));
        Assert.That(root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), Is.EqualTo(result.Warnings));
    }

    [Test]
    public void Missing_values_are_null_so_every_JSON_reader_accepts_the_file()
    {
        var point = new LrCurvePoint(3, 1e-3, double.NaN, double.NaN);
        var result = new LrFinderResult(
            new LrCurve([point], 100), LrFinderStopReason.NonFiniteLoss,
            [LrSuggestion.None("valley", "the window is empty."), LrSuggestion.At("custom", 1e-3, point, "read at a NaN point.")],
            null, [], new LrFinderOptions(), TimeSpan.Zero);
        using var json = JsonDocument.Parse(result.ToJson());
        var root = json.RootElement;
        var none = root.GetProperty("suggestions")[0];
        Assert.Multiple(() =>
        {
            Assert.That(none.GetProperty("learningRate").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(none.GetProperty("pointLearningRate").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(none.GetProperty("pointLoss").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("suggestions")[1].GetProperty("pointLoss").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("selected").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void SaveJson_writes_what_ToJson_returns()
    {
        var result = SyntheticResults.Diverged();
        string path = Path.Combine(LrCurveCsvTests.TempFolder(), "lr-find.json");
        result.SaveJson(path);
        Assert.That(File.ReadAllText(path), Is.EqualTo(result.ToJson()));
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
