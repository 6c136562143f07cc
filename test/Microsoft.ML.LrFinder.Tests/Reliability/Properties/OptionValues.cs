using System.Globalization;

namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>Arbitrary values for every numeric option, valid or not.</summary>
public sealed class OptionValues(double start, double end, int iterations, int schedule, double beta, double threshold)
{
    public double Start { get; } = start;

    public double End { get; } = end;

    public int Iterations { get; } = iterations;

    public int Schedule { get; } = schedule;

    public double Beta { get; } = beta;

    public double Threshold { get; } = threshold;

    public LrFinderOptions ToOptions() => new()
    {
        StartLearningRate = Start,
        EndLearningRate = End,
        NumberOfIterations = Iterations,
        Schedule = (LrSchedule)Schedule,
        SmoothingBeta = Beta,
        DivergenceThreshold = Threshold,
    };

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"start {Start:R}, end {End:R}, iterations {Iterations}, schedule {Schedule}, beta {Beta:R}, threshold {Threshold:R}");
}
