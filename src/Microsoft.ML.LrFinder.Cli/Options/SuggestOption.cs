using System.CommandLine;
using System.CommandLine.Parsing;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>
/// <c>--suggest &lt;methods&gt;</c>: which suggestion methods run, comma- or space-separated. The first one listed is the one
/// selected. Default: every built-in method, lagfree selected.
/// </summary>
internal sealed class SuggestOption
{
    public SuggestOption()
    {
        var names = LrSuggestionMethods.All.Select(m => m.Name).ToArray();
        Option = new Option<string[]>("--suggest")
        {
            Description = $"Suggestion methods to run, comma-separated; the first is the one selected. [default: {string.Join(',', names)}]",
            HelpName = "methods",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = Split,
        };
        Option.Validators.Add(Validate);
    }

    /// <summary>The option to add to a command.</summary>
    public Option<string[]> Option { get; }

    /// <summary>The methods to run and the one selected, in the order given.</summary>
    /// <param name="parseResult">A parse result without errors.</param>
    /// <returns>The methods (first one is the selector).</returns>
    public IReadOnlyList<ILrSuggestionMethod> Bind(ParseResult parseResult)
    {
        string[] names = parseResult.GetValue(Option) ?? [];
        var methods = names.Select(Find).Distinct().ToList();
        return methods.Count > 0 ? methods : LrSuggestionMethods.All;
    }

    /// <summary>
    /// Applies the methods to finder options: all of them run, the first is the selector. Without <c>--suggest</c> the options
    /// keep the library's defaults (every built-in method, the default rule selected).
    /// </summary>
    /// <param name="parseResult">A parse result without errors.</param>
    /// <param name="options">The options to fill.</param>
    public void ApplyTo(ParseResult parseResult, LrFinderOptions options)
    {
        if ((parseResult.GetValue(Option) ?? []).Length == 0)
        {
            return;
        }

        var methods = Bind(parseResult);
        options.SuggestionMethods = methods;
        options.Selector = methods.Count > 0 ? methods[0] : null;
    }

    private static ILrSuggestionMethod Find(string name) =>
        LrSuggestionMethods.TryGetByName(name, out var method) ? method! : throw new CliUsageException($"--suggest: unknown method '{name}'.");

    private static string[] Split(ArgumentResult result) =>
        result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();

    private void Validate(OptionResult result)
    {
        string[] names = result.GetValueOrDefault<string[]>() ?? [];
        if (names.Length == 0)
        {
            result.AddError("--suggest needs at least one method name.");
            return;
        }

        foreach (string name in names)
        {
            if (!LrSuggestionMethods.TryGetByName(name, out _))
            {
                string known = string.Join(", ", LrSuggestionMethods.All.Select(m => m.Name));
                result.AddError($"--suggest: unknown method '{name}' (known: {known}).");
                return;
            }
        }
    }
}
