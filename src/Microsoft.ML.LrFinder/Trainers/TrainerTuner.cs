using System.Globalization;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>The tuning step both ML.NET faces share: find the held-out data, size the budget, probe, log.</summary>
internal static class TrainerTuner
{
    /// <summary>The parameter name bad validation data is reported under.</summary>
    public const string ValidationParameter = "validationData";

    /// <summary>
    /// Checks the data and sizes the probes before anything trains: the training data must fit the trainer and the held-out data
    /// must be able to score it, so bad validation data fails at once, with parameter name <c>validationData</c>.
    /// </summary>
    /// <param name="target">The trainer.</param>
    /// <param name="trainData">The training data of the real fit.</param>
    /// <param name="validationData">Held-out data; null: the trainer's <c>ValidationSet</c>, else a held-out share of <paramref name="trainData"/>.</param>
    /// <param name="options">The candidates, probe length and hold-out share (validated).</param>
    /// <returns>The probe target and the real fit's budget in optimizer steps.</returns>
    public static (ILrProbeTarget Probe, int BudgetSteps) Prepare<TTransformer>(
        ITrainerHook<TTransformer> target, IDataView trainData, IDataView? validationData, LrTuneOptions options)
        where TTransformer : class, ITransformer
    {
        options.Validate();
        if (!target.SupportsTuning)
        {
            throw target.NotTunable();
        }

        target.CheckInput(trainData);
        var probeTraining = trainData;
        var scoring = validationData ?? target.ValidationSet;
        if (scoring is null)
        {
            var split = new MLContext(options.HoldOutSeed).Data.TrainTestSplit(trainData, options.HoldOutFraction, seed: options.HoldOutSeed);
            probeTraining = split.TrainSet;
            scoring = split.TestSet;
        }

        try
        {
            target.CheckValidation(scoring, trainData);
        }
        catch (ArgumentException invalid)
        {
            string source = validationData is not null ? "The validation data" : target.ValidationSet is not null ? "The trainer's ValidationSet" : "The held-out share of the training data";
            throw new ArgumentException($"{source} cannot score {target.TrainerName}: {invalid.Message}", ValidationParameter, invalid);
        }

        long rows = InputChecks.CountRows(trainData);
        long probeRows = ReferenceEquals(probeTraining, trainData) ? rows : InputChecks.CountRows(probeTraining);
        int budgetSteps = checked(target.Epochs * TrainerProbeTarget<TTransformer>.StepsPerEpoch(rows, target.BatchSize));
        return (new TrainerProbeTarget<TTransformer>(target, probeTraining, probeRows, scoring), budgetSteps);
    }

    /// <summary>Probes the candidates around <paramref name="finderResult"/>'s selected rate and logs each probe; the real fit is not run.</summary>
    /// <param name="target">The trainer.</param>
    /// <param name="plan">What <see cref="Prepare"/> returned.</param>
    /// <param name="finderResult">The sweep's result.</param>
    /// <param name="options">The candidates and probe length.</param>
    /// <param name="progress">One report per probe; default null.</param>
    /// <param name="cancellationToken">Checked before each probe.</param>
    public static LrTuneResult Run<TTransformer>(
        ITrainerHook<TTransformer> target,
        (ILrProbeTarget Probe, int BudgetSteps) plan,
        LrFinderResult finderResult,
        LrTuneOptions options,
        IProgress<LrTuneProgress>? progress,
        CancellationToken cancellationToken)
        where TTransformer : class, ITransformer
    {
        using var channel = target.Host.Start("LrFinder");
        var logged = new LoggingProgress(channel, target.TrainerName, progress);
        var result = LrTuneRunner.Run(plan.Probe, finderResult, plan.BudgetSteps, options, logged, cancellationToken);
        channel.Info(MessageSensitivity.None, result.ChosenLearningRate is { } chosen
            ? $"LrFinder: {target.TrainerName} tuned: {LrFormat.LearningRate(chosen)} has the lowest held-out loss of {result.Candidates.Count} candidates."
            : $"LrFinder: {target.TrainerName} tuning chose nothing.");
        foreach (string warning in result.Warnings)
        {
            channel.Warning(MessageSensitivity.None, "LrFinder: " + warning);
        }

        return result;
    }

    private sealed class LoggingProgress(IChannel channel, string trainerName, IProgress<LrTuneProgress>? inner) : IProgress<LrTuneProgress>
    {
        public void Report(LrTuneProgress value)
        {
            channel.Info(MessageSensitivity.None, string.Create(
                CultureInfo.InvariantCulture,
                $"LrFinder: {trainerName} probe {value.Probe + 1}/{value.TotalProbes} at {LrFormat.LearningRate(value.Candidate.LearningRate)}: held-out loss {LrFormat.Loss(value.Candidate.ValidationLoss)} after {value.Candidate.StepsRun} steps."));
            inner?.Report(value);
        }
    }
}
