using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>
/// A learning-rate option: parsed in the invariant culture, finite and greater than 0, with its default printed in help the way
/// users type it (<c>[default: 1e-7]</c>; System.CommandLine would print <c>1E-07</c>).
/// </summary>
internal sealed class LearningRateOption
{
    public LearningRateOption(string name, string description, double defaultValue)
    {
        Default = defaultValue;
        Option = new Option<double?>(name)
        {
            Description = $"{description} [default: {LrFindCommandLine.FormatDefault(defaultValue)}]",
            HelpName = "value",
            CustomParser = Parse,
        };
    }

    /// <summary>The option to add to a command.</summary>
    public Option<double?> Option { get; }

    /// <summary>The value when the option is not given.</summary>
    public double Default { get; }

    /// <summary>The value given, or <see cref="Default"/>.</summary>
    /// <param name="result">The parse result or command result.</param>
    /// <returns>The learning rate.</returns>
    public double Get(ParseResult result) => result.GetValue(Option) ?? Default;

    /// <summary>
    /// The value for a command validator, which runs before values are converted: false when the option's token is not a valid
    /// learning rate (its own error reports that).
    /// </summary>
    /// <param name="result">The command's result.</param>
    /// <param name="value">The value given, or <see cref="Default"/>.</param>
    /// <param name="text">The value as the user typed it, for messages.</param>
    /// <returns>Whether the value is usable.</returns>
    public bool TryGet(CommandResult result, out double value, out string text)
    {
        value = Default;
        text = LrFindCommandLine.FormatDefault(Default);
        if (result.GetResult(Option) is not { Tokens.Count: > 0 } given)
        {
            return true;
        }

        text = given.Tokens[0].Value;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value > 0;
    }

    private double? Parse(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            result.AddError($"{Option.Name} '{token}' is not a number.");
            return null;
        }

        if (!double.IsFinite(value) || value <= 0)
        {
            result.AddError($"{Option.Name} must be finite and greater than 0 (got {token}).");
        }

        return value;
    }
}
