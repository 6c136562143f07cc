namespace Microsoft.ML.LrFinder.Tests.Plotting;

public class PlotLookTests
{
    [Test]
    public void Renders_sample_images()
    {
        var result = SyntheticResults.Diverged();
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "plots");
        Directory.CreateDirectory(folder);
        result.SavePlot(Path.Combine(folder, "diverged.png"));
        result.SavePlot(Path.Combine(folder, "diverged.svg"));
        TestContext.Out.WriteLine(result.ToString());
        TestContext.Out.WriteLine(result.ToJson());
    }
}
