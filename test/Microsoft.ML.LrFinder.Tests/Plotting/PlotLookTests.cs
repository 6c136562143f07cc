namespace Microsoft.ML.LrFinder.Tests.Plotting;

/// <summary>
/// Renders the sample images a person looks at (and the docs show) into the test work folder, as test attachments.
/// The assertions on their content are in <see cref="LrFinderPlotTests"/>; this only checks they render.
/// </summary>
public class PlotLookTests
{
    private static IEnumerable<TestCaseData> Samples()
    {
        yield return new TestCaseData("diverged", SyntheticResults.Diverged(), new LrPlotOptions());
        yield return new TestCaseData("diverged-small", SyntheticResults.Diverged(seed: 11, selector: "minimum"), new LrPlotOptions { Width = 640, Height = 420 });
        yield return new TestCaseData("diverged-hidpi", SyntheticResults.Diverged(seed: 3), new LrPlotOptions { Width = 2000, Height = 1280, Dpi = 192 });
        yield return new TestCaseData("completed", Completed(), new LrPlotOptions { ShowRawLoss = false });
        yield return new TestCaseData("nan-no-suggestion", NanWithoutSuggestion(), new LrPlotOptions());
        yield return new TestCaseData("crowded", Crowded(), new LrPlotOptions());
    }

    [TestCaseSource(nameof(Samples))]
    public void Renders_sample_images(string name, LrFinderResult result, LrPlotOptions options)
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "plots");
        Directory.CreateDirectory(folder);
        foreach (string extension in new[] { ".png", ".svg" })
        {
            string path = Path.Combine(folder, name + extension);
            result.SavePlot(path, options);
            Assert.That(new FileInfo(path).Length, Is.GreaterThan(1000));
            TestContext.AddTestAttachment(path);
        }
    }

    private static LrFinderResult Completed()
    {
        var curve = new LrCurve(SyntheticResults.UShapedPoints(seed: 5, stopOnDivergence: false), SyntheticResults.RequestedIterations);
        var suggestions = SyntheticResults.StandardSuggestions(curve);
        return new LrFinderResult(curve, LrFinderStopReason.Completed, suggestions, suggestions[0], [], new LrFinderOptions(), TimeSpan.Zero);
    }

    private static LrFinderResult NanWithoutSuggestion()
    {
        var points = SyntheticResults.UShapedPoints(seed: 9);
        points[^1] = points[^1] with { Loss = double.NaN, SmoothedLoss = double.NaN };
        var curve = new LrCurve(points, SyntheticResults.RequestedIterations);
        return new LrFinderResult(curve, LrFinderStopReason.NonFiniteLoss,
            [LrSuggestion.None("valley", "no valley."), LrSuggestion.None("steepest", "too noisy.")], null, [], new LrFinderOptions(), TimeSpan.Zero);
    }

    /// <summary>Six suggestions within a decade and a half near the right end: the hardest case for the label rows.</summary>
    private static LrFinderResult Crowded()
    {
        var curve = new LrCurve(SyntheticResults.UShapedPoints(seed: 7), SyntheticResults.RequestedIterations);
        var window = curve.Points.Skip(curve.WindowStart).Take(curve.WindowLength).ToArray();
        var minimum = window.MinBy(p => p.SmoothedLoss);
        LrSuggestion At(string name, int back) => LrSuggestion.At(name, window[^back].LearningRate, window[^back], name);
        LrSuggestion[] suggestions =
        [
            At("valley", 12), At("slide", 10), LrSuggestion.At("minimum", minimum.LearningRate / 10, minimum, "a tenth of the minimum."),
            At("steep", 14), At("custom-one", 8), At("custom-two", 4),
        ];
        return new LrFinderResult(curve, LrFinderStopReason.Diverged, suggestions, suggestions[2], [], new LrFinderOptions(), TimeSpan.Zero);
    }
}
