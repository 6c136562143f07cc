using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>The live bar's <c>iteration/total</c> column.</summary>
internal sealed class IterationColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0}"));
}
