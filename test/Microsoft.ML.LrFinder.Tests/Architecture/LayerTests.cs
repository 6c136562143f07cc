using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.NUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md depend one way: no type depends, in its compiled IL, on a type of a layer its own layer
/// may not use. A type's layer is the folder of its source file (<see cref="SourceLayers"/>); its dependencies are ArchUnitNET's
/// (<see cref="LibraryArchitecture"/>).
/// </summary>
public class LayerTests
{
    /// <summary>
    /// What each layer may use besides itself (docs/architecture.md, the table): Sweep &lt; Suggestions &lt; Analysis &lt;
    /// Tuning &lt; TorchSharp &lt; Trainers &lt; the views (Reporting, Plotting) &lt; the faces at the root.
    /// </summary>
    internal static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Sweep"] = [],
        ["Suggestions"] = ["Sweep"],
        ["Analysis"] = ["Sweep", "Suggestions"],
        ["Tuning"] = ["Sweep", "Suggestions", "Analysis"],
        ["TorchSharp"] = ["Sweep", "Suggestions", "Analysis", "Tuning"],
        ["Trainers"] = ["Sweep", "Suggestions", "Analysis", "TorchSharp", "Tuning"],
        ["Reporting"] = ["Sweep", "Suggestions", "Analysis", "Tuning"],
        ["Plotting"] = ["Sweep", "Suggestions", "Analysis", "Tuning", "Reporting"],
        ["Interactive"] = ["Sweep", "Suggestions", "Analysis", "Tuning", "Reporting", "Plotting"],
        [SourceLayers.Root] = ["Sweep", "Suggestions", "Analysis", "TorchSharp", "Tuning", "Trainers", "Reporting", "Plotting", "Interactive"],
    };

    [Test]
    public void Every_type_of_the_library_is_in_a_layer()
    {
        var notLayers = LibraryArchitecture.Layers
            .Where(pair => !Allowed.ContainsKey(pair.Value))
            .Select(pair => $"{pair.Key.FullName} is in {pair.Value}/")
            .ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(LibraryArchitecture.Types, Is.Not.Empty, "the library assembly was not loaded");
            Assert.That(notLayers, Is.Empty, "a folder that is not a layer of docs/architecture.md");
        });
    }

    [Test]
    public void No_layer_depends_on_a_layer_it_may_not_use()
    {
        IArchRule? rule = null;
        foreach (var (layer, uses) in Allowed)
        {
            var forbiddenLayers = Allowed.Keys.Where(l => l != layer && !uses.Contains(l)).ToArray();
            if (forbiddenLayers.Length == 0)
            {
                continue;
            }

            var forbidden = Types().That().Are(TypesOf(forbiddenLayers.Contains)).As($"type in {string.Join(", ", forbiddenLayers.Select(Folder))}");
            var layerRule = Types().That().Are(TypesOf(l => l == layer)).As($"Types in {Folder(layer)}")
                .Should().NotDependOnAny(forbidden)
                .Because($"{Folder(layer)} may use only {(uses.Length == 0 ? "itself" : string.Join(", ", uses.Select(Folder)))} (docs/architecture.md)");
            rule = rule is null ? layerRule : rule.And(layerRule);
        }

        rule!.Check(LibraryArchitecture.Architecture);
    }

    private static IType[] TypesOf(Func<string, bool> layer) =>
        LibraryArchitecture.Layers.Where(pair => layer(pair.Value)).Select(pair => pair.Key).ToArray();

    private static string Folder(string layer) => layer == SourceLayers.Root ? "the project root" : layer + "/";
}
