using System.Globalization;

namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>
/// Points built directly through the public <see cref="LrCurve"/> constructor, which accepts anything: learning rates that are
/// NaN, negative, zero, equal or decreasing, and any losses.
/// </summary>
public sealed class RawCurve(LrCurve curve)
{
    public LrCurve Curve { get; } = curve;

    public override string ToString() =>
        $"{Curve.Points.Count} points, {Curve.RequestedIterations} requested: " +
        string.Join("; ", Curve.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"({p.LearningRate:R}, {p.Loss:R}, {p.SmoothedLoss:R})")));
}
