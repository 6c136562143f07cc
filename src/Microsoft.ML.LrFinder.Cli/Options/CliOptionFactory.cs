using System.CommandLine;
using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>Builds options whose values parse the same way on every machine (invariant culture) and check their own range.</summary>
internal static class CliOptionFactory
{
    /// <summary>An integer option with a lower bound.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int minimum) =>
        AtLeast(new Option<int>(name) { Description = description, HelpName = "n", DefaultValueFactory = _ => defaultValue }, minimum);

    /// <summary>An optional integer option (no default value) with a lower bound.</summary>
    public static Option<int?> OptionalInt(string name, string description, int minimum) =>
        AtLeast(new Option<int?>(name) { Description = description, HelpName = "n" }, minimum);

    /// <summary>A switch: present means true.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    private static Option<T> AtLeast<T>(Option<T> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            int? value = result.GetValueOrDefault<T>() switch
            {
                int i => i,
                _ => null,
            };
            if (value < minimum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {minimum} (got {value})."));
            }
        });
        return option;
    }
}
