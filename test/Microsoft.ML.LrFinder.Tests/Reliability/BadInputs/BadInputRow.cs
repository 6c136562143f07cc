namespace Microsoft.ML.LrFinder.Tests.Reliability.BadInputs;

/// <summary>
/// One row of docs/errors.md: an input the product must refuse (or, for the N rows, must accept), what it does with it, and
/// the words its message must contain.
/// </summary>
/// <param name="Id">The row's id in docs/errors.md: E (library), C (command line), N (not an error).</param>
/// <param name="Surface">Where the input goes in, for example <c>TorchSharpLrFinder.Find</c> or <c>lrfind suggest</c>.</param>
/// <param name="Input">The bad input in a few words.</param>
/// <param name="Result">The exact exception type, <c>exit 2</c> for the CLI, or <c>no error</c>.</param>
/// <param name="Names">Words the message must contain, in the table joined by " … ".</param>
/// <param name="Run">Feeds the input; returns what happened.</param>
public sealed record BadInputRow(string Id, string Surface, string Input, string Result, string[] Names, Func<BadInputOutcome> Run)
{
    public override string ToString() => $"{Id} {Surface}: {Input}";
}
