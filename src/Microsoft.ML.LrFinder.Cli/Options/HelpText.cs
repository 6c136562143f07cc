using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>Phrases more than one option's help shows, written from the library's constants so the help cannot drift from them.</summary>
internal static class HelpText
{
    /// <summary>What the suggestion window skips of the requested iterations, as the library's <see cref="LrFinderDefaults"/> say.</summary>
    public static readonly string SuggestionWindow = string.Create(
        CultureInfo.InvariantCulture,
        $"the suggestion window skips the first 1/{LrFinderDefaults.SkipStartDivisor} of them and the last {LrFinderDefaults.SkipEnd} points");
}
