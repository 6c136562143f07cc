using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>Builds options whose values parse the same way on every machine (invariant culture) and check their own range.</summary>
internal static class CliOptionFactory
{
    /// <summary>A floating-point option parsed in the invariant culture, finite and greater than 0.</summary>
    public static Option<double> PositiveDouble(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = "value",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParsePositive(result, name),
    };

    /// <summary>An optional floating-point option (no default value), parsed in the invariant culture, finite and greater than 0.</summary>
    public static Option<double?> OptionalPositiveDouble(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "value",
        CustomParser = result => ParsePositive(result, name),
    };

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

    private static double ParsePositive(ArgumentResult result, string name)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            result.AddError($"{name} '{token}' is not a number.");
            return 0;
        }

        if (!double.IsFinite(value) || value <= 0)
        {
            result.AddError($"{name} must be finite and greater than 0 (got {token}).");
        }

        return value;
    }
}
