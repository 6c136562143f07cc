namespace Microsoft.ML.LrFinder;

/// <summary>Turns a curve into a result: runs the suggestion methods, picks the selector's suggestion, adds the warnings.</summary>
internal static class LrResultBuilder
{
    public static LrFinderResult Build(LrSweepRecord record) => Build(record.Curve, record.StopReason, record.Options, record.Elapsed);

    public static LrFinderResult Build(LrCurve curve, LrFinderStopReason stopReason, LrFinderOptions options, TimeSpan elapsed)
    {
        var selector = options.Selector ?? LrSuggestionMethods.LagFree;
        var methods = new List<ILrSuggestionMethod>();
        foreach (var method in options.SuggestionMethods ?? LrSuggestionMethods.All)
        {
            if (!methods.Contains(method))
            {
                methods.Add(method);
            }
        }

        if (!methods.Contains(selector))
        {
            methods.Add(selector);
        }

        var schedule = options.TrainingSchedule ?? LrTrainingSchedule.Constant;
        var suggestions = methods.Select(method => method.Suggest(curve, schedule, options.TrainingEpochs)).ToArray();
        var selected = suggestions[methods.IndexOf(selector)];
        var warnings = LrCurveDiagnostics.Diagnose(curve, stopReason, suggestions, selected);
        return new LrFinderResult(curve, stopReason, suggestions, selected, warnings, options, elapsed);
    }
}
