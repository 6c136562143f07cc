using Spectre.Console;
using Spectre.Console.Rendering;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>The live bar's column with the current learning rate and smoothed loss (labelled "loss" to fit 80 columns).</summary>
internal sealed class LearningRateLossColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        if (task.Value == 0)
        {
            return new Text(string.Empty);
        }

        double lr = task.State.Get<double>(LiveBarProgress.LearningRateKey);
        double loss = task.State.Get<double>(LiveBarProgress.SmoothedLossKey);
        return new Text($"lr {Reporting.LrReportFormat.LearningRate(lr)}  loss {Reporting.LrReportFormat.Loss(loss)}");
    }
}
