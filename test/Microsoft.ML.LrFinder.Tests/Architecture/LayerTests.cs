using System.Text.RegularExpressions;

namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md depend one way: a file may name only types of its own layer and the layers it may use.
/// Read from the sources (the layers are folders of one namespace, so the compiled assembly cannot tell them apart).
/// </summary>
public class LayerTests
{
    /// <summary>What each layer may use besides itself (docs/architecture.md, the table).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Sweep"] = [],
        ["Suggestions"] = ["Sweep"],
        ["Analysis"] = ["Sweep", "Suggestions"],
        ["TorchSharp"] = ["Sweep", "Suggestions", "Analysis"],
        ["Trainers"] = ["Sweep", "Suggestions", "Analysis", "TorchSharp"],
        ["Tuning"] = ["Sweep", "Suggestions", "Analysis", "TorchSharp", "Trainers"],
        ["Reporting"] = ["Sweep", "Suggestions", "Analysis", "Tuning"],
        ["Plotting"] = ["Sweep", "Suggestions", "Analysis", "Tuning", "Reporting"],
        ["root"] = ["Sweep", "Suggestions", "Analysis", "TorchSharp", "Trainers", "Tuning", "Reporting", "Plotting"],
    };

    /// <summary>
    /// The leaks docs/architecture.md lists as open work, as (file, type it names). The list may only shrink: a new leak
    /// fails the test, and so does a listed one that has been fixed (remove it here and in the docs).
    /// </summary>
    private static readonly HashSet<(string File, string Type)> KnownLeaks =
    [
        ("Sweep/LrFinderOptions.cs", "ILrSuggestionMethod"),
        ("Analysis/LrFinderResult.cs", "LrTextReport"),
        ("Tuning/LrTuneResult.cs", "LrTuneTextReport"),
        ("Trainers/LrFinderTrainerOptions.cs", "LrTuneOptions"),
    ];

    [Test]
    public void No_layer_names_a_type_of_a_layer_above_it()
    {
        var tree = SourceTree.Library();
        var layerOfType = tree.Files.GroupBy(f => f.TypeName).ToDictionary(g => g.Key, g => g.First().Layer);
        var found = new HashSet<(string File, string Type)>();
        foreach (var file in tree.Files)
        {
            if (!Allowed.TryGetValue(file.Layer, out var uses))
            {
                Assert.Fail($"{file.Path} is in a folder that is not a layer of docs/architecture.md ({file.Layer}).");
                continue;
            }

            foreach (var (type, layer) in layerOfType)
            {
                if (layer != file.Layer && !uses.Contains(layer) && Regex.IsMatch(file.Code, $@"\b{Regex.Escape(type)}\b"))
                {
                    found.Add((file.Path, type));
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(found.Except(KnownLeaks), Is.Empty, "a lower layer names a type of a higher one");
            Assert.That(KnownLeaks.Except(found), Is.Empty, "a known leak is fixed: remove it from the list and from docs/architecture.md");
        });
    }
}
