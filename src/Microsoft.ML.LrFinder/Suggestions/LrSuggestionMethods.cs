namespace Microsoft.ML.LrFinder;

/// <summary>
/// The built-in suggestion methods, as shared instances. fastai's four (valley, slide, minimum, steep) follow
/// <c>fastai/callback/schedule.py</c> exactly on the smoothed curve's suggestion window; <see cref="HalfDrop"/> is ours.
/// See docs/suggestions.md for each rule with a worked example.
/// </summary>
public static class LrSuggestionMethods
{
    /// <summary>
    /// <c>valley</c>: the point a third plus a sixth of the way into the longest strictly decreasing subsequence of the smoothed
    /// loss (index <c>start + ⌊s⌋ + ⌊s/2⌋</c> with <c>s = (end − start)/3</c> and <c>start = end − length</c>). fastai's default,
    /// from ESRI's arcgis.learn; the default selector. No suggestion when the loss never decreases.
    /// </summary>
    public static ILrSuggestionMethod Valley { get; } = new ValleyMethod();

    /// <summary>
    /// <c>slide</c>: walking left from the end of the window while numpy-style gradients of the smoothed loss 15 points apart
    /// differ by more than 0.005, the last left point. fastai's, from Novetta. Needs 16 points in the window.
    /// </summary>
    public static ILrSuggestionMethod Slide { get; } = new SlideMethod();

    /// <summary>
    /// <c>minimum</c>: a tenth of the learning rate at the lowest smoothed loss (ties: the first). Its point is the minimum itself.
    /// </summary>
    public static ILrSuggestionMethod Minimum { get; } = new MinimumMethod();

    /// <summary>
    /// <c>steep</c>: the left end of the most negative slope of the smoothed loss against ln(learning rate) between consecutive
    /// points (ties: the first). fastai's <c>steep</c>; unreliable on noisy curves.
    /// </summary>
    public static ILrSuggestionMethod Steep { get; } = new SteepMethod();

    /// <summary>
    /// <c>halfdrop</c> (ours): on a lightly denoised curve (running median of 5, then mean of 3), the first point left of the
    /// minimum where the loss has fallen halfway from its highest point before the minimum; reports whether the other rules agree.
    /// </summary>
    public static ILrSuggestionMethod HalfDrop { get; } = new HalfDropMethod();

    /// <summary>
    /// <c>lagfree</c> (ours, the default selector): the geometric mean of halfdrop's rate and the learning rate at the lowest
    /// point of the lag-free curve (a zero-phase smoothing of the raw losses, without the moving average's lag) divided by
    /// <see cref="LagFreeConstantDivisor"/> for a constant rate or <see cref="LagFreeOneCycleDivisor"/> for a one-cycle peak
    /// (<see cref="LrFinderOptions.TrainingSchedule"/>). The divisors were chosen by leave-one-task-out validation on the regret
    /// benchmark (docs/benchmarks.md).
    /// </summary>
    public static ILrSuggestionMethod LagFree { get; } = new LagFreeMethod("lagfree", LagFreeConstantDivisor, LagFreeOneCycleDivisor);

    /// <summary>What <see cref="LagFree"/> divides the lag-free minimum's learning rate by for a constant rate: 8.</summary>
    public const double LagFreeConstantDivisor = 8;

    /// <summary>What <see cref="LagFree"/> divides the lag-free minimum's learning rate by for a one-cycle peak: 2.</summary>
    public const double LagFreeOneCycleDivisor = 2;

    /// <summary>
    /// The longest fit, in epochs, that <see cref="LagFree"/> reads the curve for as it is: 15. For a fit of more epochs
    /// (<see cref="LrFinderOptions.TrainingEpochs"/>) its rate is divided by (epochs ÷ 15) to the power
    /// <see cref="LagFreeEpochExponent"/>. Chosen by leave-one-source-out validation on the regret benchmark's recorded runs
    /// (docs/benchmarks.md).
    /// </summary>
    public const double LagFreeEpochThreshold = 15;

    /// <summary>
    /// How steeply <see cref="LagFree"/> lowers its rate for fits longer than <see cref="LagFreeEpochThreshold"/>: 2, so
    /// a fit of 30 epochs is divided by (30 ÷ 15)² = 4 and one of 60 by 16.
    /// </summary>
    public const double LagFreeEpochExponent = 2;

    /// <summary>Every built-in method, in the order results list them: lagfree, valley, slide, minimum, steep, halfdrop.</summary>
    public static IReadOnlyList<ILrSuggestionMethod> All { get; } = Array.AsReadOnly([LagFree, Valley, Slide, Minimum, Steep, HalfDrop]);

    /// <summary>Finds a built-in method by its <see cref="ILrSuggestionMethod.Name"/>, ignoring case; <c>steepest</c> also finds steep.</summary>
    /// <param name="name">The method's name, for example <c>valley</c>.</param>
    /// <param name="method">The method; null when the name is unknown.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryGetByName(string? name, out ILrSuggestionMethod? method)
    {
        string? key = name?.Trim();
        method = string.Equals(key, "steepest", StringComparison.OrdinalIgnoreCase)
            ? Steep
            : All.FirstOrDefault(m => string.Equals(m.Name, key, StringComparison.OrdinalIgnoreCase));
        return method is not null;
    }

    /// <summary>Finds a built-in method by name, ignoring case.</summary>
    /// <param name="name">The method's name, for example <c>valley</c>.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The name is not a built-in method; the message lists the valid names.</exception>
    public static ILrSuggestionMethod GetByName(string name) =>
        TryGetByName(name, out var method)
            ? method!
            : throw new ArgumentException($"must be one of {string.Join(", ", All.Select(m => m.Name))}; got '{name}'.", nameof(name));

    /// <summary>Parses a comma-separated list of method names, as the CLI's <c>--suggest valley,slide</c> takes it.</summary>
    /// <param name="names">Names separated by commas; spaces around them and empty entries are ignored.</param>
    /// <returns>The methods in the order given, without duplicates.</returns>
    /// <exception cref="ArgumentException">A name is unknown, or the list names no method.</exception>
    public static IReadOnlyList<ILrSuggestionMethod> Parse(string names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var methods = names
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => TryGetByName(name, out var method)
                ? method!
                : throw new ArgumentException($"'{name}' is not a suggestion method; use {string.Join(", ", All.Select(m => m.Name))}.", nameof(names)))
            .Distinct()
            .ToArray();
        return methods.Length > 0 ? methods : throw new ArgumentException("must name at least one suggestion method.", nameof(names));
    }
}
