using System.Globalization;

namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>Valid sweep options, with a readable description for FsCheck's counter-examples.</summary>
public sealed class SweepSettings(LrFinderOptions options)
{
    public LrFinderOptions Options { get; } = options;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Options.Schedule} {Options.StartLearningRate:R} to {Options.EndLearningRate:R} in {Options.NumberOfIterations} iterations, beta {Options.SmoothingBeta:R}, threshold {Options.DivergenceThreshold:R}, stop on divergence {Options.StopOnDivergence}");
}
