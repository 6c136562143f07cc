using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>
/// The live bar's elapsed time and time left, from the sweep's own clock (<see cref="LrFinderProgress.Elapsed"/>) at the mean
/// pace so far, as the plain lines print them. Spectre's own remaining-time column samples the bar's speed over a short window
/// and shows nothing when a step takes longer than that (a pretrained model's step on a CPU does).
/// </summary>
internal sealed class TimeColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        if (task.Value == 0)
        {
            return new Text(string.Empty);
        }

        var elapsed = TimeSpan.FromSeconds(task.State.Get<double>(LiveBarProgress.ElapsedSecondsKey));
        var remaining = TimeSpan.FromSeconds(task.State.Get<double>(LiveBarProgress.RemainingSecondsKey));
        return new Text(string.Create(CultureInfo.InvariantCulture, $"elapsed {elapsed:m\\:ss}  ETA {remaining:m\\:ss}"));
    }
}
