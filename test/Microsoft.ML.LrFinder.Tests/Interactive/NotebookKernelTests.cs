using System.Net;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Interactive;

/// <summary>
/// A result evaluated in a real .NET Interactive C# kernel (in process): the kernel runs the package's notebook extension
/// (src/Microsoft.ML.LrFinder/Interactive/extension.dib, its C# as the package ships it), then a cell that sweeps a small
/// TorchSharp model and ends with the result, as a notebook user's cell would. The value the kernel produces must be HTML with
/// the plot as SVG and the suggestion table, the same content as the text report.
/// </summary>
public class NotebookKernelTests
{
    private const string SweepCell = """
        using Microsoft.ML.LrFinder;
        using static TorchSharp.torch;
        random.manual_seed(1);
        var model = nn.Sequential(("hidden", nn.Linear(8, 32)), ("relu", nn.ReLU()), ("output", nn.Linear(32, 3)));
        var inputs = randn(256, 8);
        var targets = inputs.narrow(1, 0, 3).argmax(1);
        var batches = Enumerable.Range(0, 6).Select(i => (inputs.narrow(0, i * 32, 32), targets.narrow(0, i * 32, 32))).ToList();
        var validation = new[] { (inputs.narrow(0, 192, 64), targets.narrow(0, 192, 64)) };
        var optimizer = optim.Adam(model.parameters());
        var sweep = TorchSharpLrFinder.Find(model, optimizer, nn.CrossEntropyLoss().call, batches, new TorchSharpLrFinderOptions { NumberOfIterations = 60, Seed = 1 });
        sweep
        """;

    private const string TuneCell = """
        TorchSharpLrFinder.Tune(model, optimizer, nn.CrossEntropyLoss().call, batches, validation, budgetSteps: 30, sweep)
        """;

    [Test]
    public async Task A_sweep_result_shows_its_plot_and_suggestion_table()
    {
        using var kernel = await KernelWithExtension();

        var (value, html) = await Evaluate(kernel, SweepCell);

        var result = (LrFinderResult)value;
        Assert.That(result.SelectedLearningRate, Is.Not.Null, "the sweep selected a rate (else the table has nothing to mark)");
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.StartWith("<div class=\"lrfinder\">"));
            Assert.That(html, Does.Contain("<svg").And.Contain("</svg>"), "the plot, inline");
            Assert.That(html, Does.Not.Contain("<?xml"), "no XML declaration inside HTML");
            Assert.That(html, Does.Contain("<table class=\"lrfinder-suggestions\">"));
            Assert.That(html, Does.Contain("<tr class=\"selected\"><td>" + Encode(LrReportFormat.SuggestionLabel(result.Selected!)!) + " [selected]</td>"));
            Assert.That(html, Does.Contain(Encode(LrReportFormat.StopReason(result))));
            foreach (var suggestion in result.Suggestions)
            {
                // Each rule's row: its explanation and the rule in words, as the text report writes them.
                Assert.That(html, Does.Contain("<td>" + Encode(suggestion.Explanation) + "</td>"), suggestion.Method);
                Assert.That(result.ToText(), Does.Contain(suggestion.Explanation), suggestion.Method);
            }

            foreach (string warning in result.Warnings)
            {
                Assert.That(html, Does.Contain("<li>" + Encode(warning) + "</li>"));
            }

            Assert.That(html, Does.Contain("<pre>" + Encode(result.ToText()) + "</pre>"), "the full text report, folded");
        });
    }

    [Test]
    public async Task A_tuning_result_shows_its_plot_and_candidates()
    {
        using var kernel = await KernelWithExtension();
        await Evaluate(kernel, SweepCell);

        var (value, html) = await Evaluate(kernel, TuneCell);

        var result = (LrTuneResult)value;
        Assert.That(result.Chosen, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<svg"));
            Assert.That(html, Does.Contain("<table class=\"lrfinder-suggestions\">"));
            Assert.That(html, Does.Contain("<table class=\"lrfinder-candidates\">"));
            Assert.That(html, Does.Contain("<td>" + LrFormat.LearningRate(result.Chosen!.Value.LearningRate) + "</td>"));
            Assert.That(html, Does.Contain("<strong>Chosen:</strong> " + LrFormat.LearningRate(result.ChosenLearningRate!.Value)));
            Assert.That(html, Does.Contain("<pre>" + Encode(result.ToText()) + "</pre>"));
        });
    }

    // A C# kernel that references the library and TorchSharp as this test run loaded them (already patched by the build), then
    // runs the extension's C#: its TorchSharp step finds TorchSharp loaded and leaves it; its formatters are registered.
    private static async Task<CSharpKernel> KernelWithExtension()
    {
        var kernel = new CSharpKernel();
        await Submit(kernel, $"#r \"{typeof(LrFinderResult).Assembly.Location}\"");
        await Submit(kernel, $"#r \"{typeof(global::TorchSharp.torch).Assembly.Location}\"");
        await Submit(kernel, $"#r \"{typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly.Location}\"");
        await Submit(kernel, ExtensionCode());
        return kernel;
    }

    private static string ExtensionCode()
    {
        string extension = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src", "Microsoft.ML.LrFinder", "Interactive", "extension.dib"));
        const string Marker = "#!csharp";
        int start = extension.IndexOf(Marker, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "extension.dib has a C# cell");
        return extension[(start + Marker.Length)..];
    }

    private static async Task<(object Value, string Html)> Evaluate(Kernel kernel, string code)
    {
        var events = await Submit(kernel, code);
        var produced = events.OfType<ReturnValueProduced>().Single();
        string html = produced.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        return (produced.Value, html);
    }

    private static async Task<IReadOnlyList<KernelEvent>> Submit(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.That(failed, Is.Null, () => $"the cell failed: {failed!.Message}\n{code}");
        return result.Events;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
