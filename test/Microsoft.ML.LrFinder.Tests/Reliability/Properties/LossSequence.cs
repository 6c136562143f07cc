using System.Globalization;

namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>What a training loop could feed a sweep: any losses, NaN and infinities included, and valid options.</summary>
public sealed class LossSequence(LrFinderOptions options, double[] losses)
{
    public LrFinderOptions Options { get; } = options;

    public IReadOnlyList<double> Losses { get; } = losses;

    public override string ToString() =>
        new SweepSettings(Options) + "; losses " + string.Join(", ", Losses.Select(l => l.ToString("R", CultureInfo.InvariantCulture)));
}
