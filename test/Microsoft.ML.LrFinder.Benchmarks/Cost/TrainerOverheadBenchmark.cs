using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>
/// The overhead ratio for ML.NET's TextClassification trainer. A fit and a sweep each start with work that is not a training
/// step (building the trainer and model, reading the weights, tokenising), so each is timed at two lengths and the per-step
/// time is the difference ÷ the extra steps: the setup cancels out. Rounds rotate the order of the four runs.
/// </summary>
internal static class TrainerOverheadBenchmark
{
    private const double StartLearningRate = 1e-6;
    private const double EndLearningRate = 1e-4;

    /// <summary>The short arm's epochs.</summary>
    public const int ShortEpochs = 1;

    /// <summary>
    /// The long arm's epochs: 6, so the difference is 35 steps of the 200-row task at batch 32. At 3 epochs (14 steps) a
    /// round's ratio spread over 0.911–1.038 (interquartile, 12 rounds on a quiet machine, 2026-12-06): two fits' timing noise
    /// divided by too few steps.
    /// </summary>
    public const int LongEpochs = 6;

    public static OverheadResult Run(int rounds, int shortEpochs = ShortEpochs, int longEpochs = LongEpochs)
    {
        using var session = (TextClassificationSession)new TextClassificationTask().Open(1);
        int stepsPerEpoch = session.StepsPerEpoch;
        int shortSteps = shortEpochs * stepsPerEpoch, longSteps = longEpochs * stepsPerEpoch;

        // Warm-up: the JIT, the tokenizer, the weights file in the page cache.
        session.TimeFit(shortEpochs, StartLearningRate);
        session.TimeSweep(shortSteps, StartLearningRate, EndLearningRate);

        var plain = new List<double>();
        var sweep = new List<double>();
        var ratios = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            var times = new double[4];
            var runs = new Action[]
            {
                () => times[0] = session.TimeFit(shortEpochs, StartLearningRate).TotalMilliseconds,
                () => times[1] = session.TimeFit(longEpochs, StartLearningRate).TotalMilliseconds,
                () => times[2] = Measure(session.TimeSweep(shortSteps, StartLearningRate, EndLearningRate), shortSteps),
                () => times[3] = Measure(session.TimeSweep(longSteps, StartLearningRate, EndLearningRate), longSteps),
            };
            for (int i = 0; i < runs.Length; i++)
            {
                ProcessMemory.Settle();
                runs[(i + round) % runs.Length]();
            }

            double plainStep = (times[1] - times[0]) / (longSteps - shortSteps);
            double sweepIteration = (times[3] - times[2]) / (longSteps - shortSteps);
            plain.Add(plainStep);
            sweep.Add(sweepIteration);
            ratios.Add(sweepIteration / plainStep);
        }

        return new OverheadResult(
            "detox-textclassification (ML.NET; per-step by difference)", rounds, longSteps,
            Stats.Median(plain), Stats.Median(sweep), Stats.Median(ratios), Stats.Quantile(ratios, 0.25), Stats.Quantile(ratios, 0.75), sweep.Min() / plain.Min(),
            SweepStepWork.Milliseconds(session.BatchSize, classes: 2)); // the detox comments: toxic or not
    }

    private static double Measure((TimeSpan Elapsed, int Iterations) sweep, int requested) =>
        sweep.Iterations == requested
            ? sweep.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"The overhead sweep stopped after {sweep.Iterations} of {requested} iterations.");
}
