using Spectre.Console;
using Spectre.Console.Rendering;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>
/// The live bar's column with the current learning rate and smoothed loss (labelled "loss" to fit 80 columns); a NaN one (an
/// epoch of <c>--train</c> has no loss to show) is left out.
/// </summary>
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
        string learningRate = double.IsNaN(lr) ? string.Empty : $"lr {LrFormat.LearningRate(lr)}";
        string smoothed = double.IsNaN(loss) ? string.Empty : $"  loss {LrFormat.Loss(loss)}";
        return new Text(learningRate + smoothed);
    }
}
