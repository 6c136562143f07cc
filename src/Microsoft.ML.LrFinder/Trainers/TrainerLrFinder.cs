using System.Globalization;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>The steps both faces share: check, budget the rows, sweep without touching the random stream, pick the learning rate.</summary>
internal static class TrainerLrFinder
{
    /// <summary>Sweeps the trainer and returns the result; nothing is trained for real.</summary>
    public static LrFinderResult Find<TTransformer>(
        ITrainerHook<TTransformer> target, IDataView input, LrFinderTrainerOptions options, IProgress<LrFinderProgress>? progress, CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(input);
        options.Validate();
        options = options.Clone();
        options.TrainingSchedule ??= target.TrainingSchedule;
        options.TrainingEpochs ??= target.Epochs;
        target.CheckInput(input);
        var sweepData = ApplyRowBudget(target, input, options);

        using var channel = target.Host.Start("LrFinder");
        using var randomState = TorchRandomState.RestoredWhenDisposed();
        if (options.Seed is { } seed)
        {
            global::TorchSharp.torch.random.manual_seed(seed);
        }

        using var quietConvolutions = LibTorchNnpack.Disable();
        var result = target.Sweep(sweepData, input, options, channel, progress, cancellationToken);

        // The version guard passed (the sweep ran): on a Microsoft.ML.TorchSharp not tested, the result says so, once.
        if (TorchSharpInternals.UntestedVersionWarning(target.TrainerName, TorchSharpInternals.LoadedVersion) is { } untested)
        {
            result = result.WithWarning(untested);
        }

        channel.Info(MessageSensitivity.None, Summary(target.TrainerName, result));
        foreach (string warning in result.Warnings)
        {
            channel.Warning(MessageSensitivity.None, "LrFinder: " + warning);
        }

        return result;
    }

    /// <summary>
    /// The learning rate the real fit uses: the selected suggestion, or (per <paramref name="options"/>) the trainer's
    /// own with a warning added to the result, or an <see cref="InvalidOperationException"/>.
    /// </summary>
    public static (LrFinderResult Result, double LearningRate) Select<TTransformer>(
        ITrainerHook<TTransformer> target, LrFinderResult result, LrFinderTrainerOptions options)
        where TTransformer : class, ITransformer
    {
        if (result.SelectedLearningRate is { } selected)
        {
            return (result, selected);
        }

        string method = result.Selected?.Method ?? "the selector";
        if (options.WhenNoSuggestion == LrFinderNoSuggestionAction.Throw)
        {
            throw new InvalidOperationException(
                $"The LR finder made no suggestion for {target.TrainerName} ({method}: {result.Selected?.Explanation}); nothing was fitted. "
                + $"See the result's warnings, or set {nameof(LrFinderTrainerOptions.WhenNoSuggestion)} to {nameof(LrFinderNoSuggestionAction.KeepTrainerLearningRate)}.");
        }

        double kept = target.TrainerLearningRate;
        string warning = $"No suggestion from {method}: {target.TrainerName} keeps its own {target.LearningRateOptionName} {LrFormat.LearningRate(kept)}.";
        using (var channel = target.Host.Start("LrFinder"))
        {
            channel.Warning(MessageSensitivity.None, "LrFinder: " + warning);
        }

        return (result.WithWarning(warning), kept);
    }

    // A view over the budgeted rows. ML.NET's row operations need a catalog; a throwaway MLContext provides one (the views it
    // builds read the user's data lazily and hold no state of that context that matters here).
    private static IDataView ApplyRowBudget<TTransformer>(ITrainerHook<TTransformer> target, IDataView input, LrFinderTrainerOptions options)
        where TTransformer : class, ITransformer
    {
        if (options.MaximumRows is not { } maximumRows)
        {
            return input;
        }

        var data = new MLContext(options.SamplingSeed).Data;
        var source = options.SamplingSeed is { } seed ? data.ShuffleRows(input, seed) : input;
        var budgeted = data.TakeRows(source, maximumRows);
        long rows = InputChecks.CountRows(budgeted);
        if (rows < target.BatchSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(LrFinderTrainerOptions.MaximumRows),
                maximumRows,
                $"leaves {rows} rows, fewer than one batch of {target.TrainerName} ({target.BatchSize}).");
        }

        return budgeted;
    }

    private static string Summary(string trainerName, LrFinderResult result)
    {
        string selected = result.Selected is { HasValue: true } suggestion
            ? $"{suggestion.Method} suggests {LrFormat.LearningRate(suggestion.LearningRate!.Value)}"
            : "no suggestion";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"LrFinder: {trainerName} sweep ended ({result.StopReason}) after {result.IterationsRun} batches in {result.Elapsed.TotalSeconds:F1} s; {selected}.");
    }
}
