using System.Globalization;
using Microsoft.ML.LrFinder.Cli.Commands;
using Microsoft.ML.LrFinder.Cli.Output;
using Spectre.Console;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Cli.Demo;

/// <summary>
/// <c>lrfind demo --tune</c>: after the sweep, probes candidate learning rates on the demo's model. The training set is split
/// again: the probes train on one part and are scored on the other, so the demo's held-out accuracy set stays unseen.
/// </summary>
internal static class DemoTune
{
    /// <summary>Probes the candidates around the sweep's selected rate and prints each probe and the table.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="model">The demo's model, in its initial state (restored after every probe).</param>
    /// <param name="optimizer">Its optimizer.</param>
    /// <param name="loss">The training loss, also scoring the held-out part.</param>
    /// <param name="train">The demo's training set; a share of it is held out for the probes.</param>
    /// <param name="finderResult">The sweep's result.</param>
    /// <param name="batchSize">Samples per step.</param>
    /// <param name="epochs">The demo's training epochs: the budget the probes are a fraction of.</param>
    /// <param name="seed">The seed of the split, of the probes' batch order and of each probe's random generator.</param>
    /// <param name="options">The candidates and the probe length.</param>
    /// <param name="cancellationToken">Stops between probe steps.</param>
    /// <returns>The tuning result.</returns>
    public static LrTuneResult Run(
        IAnsiConsole console,
        Sequential model,
        OptimizerHelper optimizer,
        Func<Tensor, Tensor, Tensor> loss,
        DigitsDataset train,
        LrFinderResult finderResult,
        int batchSize,
        int epochs,
        int seed,
        LrTuneOptions options,
        CancellationToken cancellationToken)
    {
        var (probeTrain, validation) = train.Split(DemoCommand.HeldOutFraction, seed);
        int budgetSteps = epochs * new DigitsBatches(train, batchSize, seed).BatchesPerEpoch;
        console.WriteLine(options.SingleRound
            ? string.Create(CultureInfo.InvariantCulture, $"Tuning:    {options.CandidateCount} candidates, each trained {options.ProbeSteps(budgetSteps)} of the {budgetSteps} steps of {epochs} epochs on {probeTrain.Count} samples, scored on {validation.Count} others")
            : string.Create(CultureInfo.InvariantCulture, $"Tuning:    successive halving within {options.Budget:0.##} × the {budgetSteps} steps of {epochs} epochs, probes trained on {probeTrain.Count} samples, scored on {validation.Count} others"));
        var (features, labels) = validation.ToTensors();
        using (features)
        using (labels)
        {
            var probeSettings = new TorchSharpLrFinderOptions { Seed = seed, Tune = options };
            return TorchSharpLrFinder.Tune(
                model, optimizer, loss, FreshBatches(probeTrain, batchSize, seed), [(features, labels)], budgetSteps, finderResult, probeSettings,
                TuneOutput.ProbeLines(console), cancellationToken);
        }
    }

    // Every enumeration starts a new shuffle with the same seed, so every probe trains on the same batches in the same order.
    private static IEnumerable<(Tensor Features, Tensor Labels)> FreshBatches(DigitsDataset data, int batchSize, int seed)
    {
        var batches = new DigitsBatches(data, batchSize, seed);
        while (true)
        {
            yield return batches.Next();
        }
    }
}
