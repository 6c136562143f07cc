using System.Globalization;

namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>
/// A curve as a sweep with <see cref="Sweep"/> would record it: the learning rates come from the sweep's own schedule, the
/// losses from <see cref="Shape"/>. Built deterministically from its parameters, so a failure's description replays it.
/// </summary>
public sealed class GeneratedCurve
{
    private static readonly double[] SpecialValues =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, double.Epsilon, 0.0, -0.0, 1e308];

    public GeneratedCurve(CurveShape shape, SmoothingMode smoothing, int length, int extraIterations, LrFinderOptions sweep, int seed)
    {
        Shape = shape;
        Smoothing = smoothing;
        Length = length;
        ExtraIterations = extraIterations;
        Seed = seed;
        Sweep = sweep.Clone();

        // A sweep records at most the iterations it was asked for, and is asked for at least 2.
        Sweep.NumberOfIterations = Math.Max(2, length + extraIterations);
        var schedule = new LrSweep(Sweep);
        var random = new Random(seed);
        var losses = Losses(shape, length, random);
        var smoothed = smoothing switch
        {
            SmoothingMode.Sweep => SweepSmoothing(losses, Sweep.SmoothingBeta),
            SmoothingMode.SameAsLoss => losses,
            _ => Losses((CurveShape)random.Next(Enum.GetValues<CurveShape>().Length), length, random),
        };
        Curve = new LrCurve(
            Enumerable.Range(0, length).Select(i => new LrCurvePoint(i, schedule.LearningRateAt(i), losses[i], smoothed[i])),
            Sweep.NumberOfIterations);
    }

    public CurveShape Shape { get; }

    public SmoothingMode Smoothing { get; }

    public int Length { get; }

    public int ExtraIterations { get; }

    public int Seed { get; }

    /// <summary>The options of the sweep that recorded the curve: its range and schedule, and the iterations asked for.</summary>
    public LrFinderOptions Sweep { get; }

    public LrCurve Curve { get; }

    /// <summary>The same curve, shorter: FsCheck's shrinker walks down to the shortest length that still fails.</summary>
    public IEnumerable<GeneratedCurve> Shrink()
    {
        foreach (int length in new[] { 0, Length / 2, Length - 1 }.Where(l => l >= 0 && l < Length).Distinct())
        {
            yield return new GeneratedCurve(Shape, Smoothing, length, ExtraIterations, Sweep, Seed);
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Shape} curve, smoothing {Smoothing}, {Length} points of {Sweep.NumberOfIterations} requested, seed {Seed}, {Sweep.Schedule} {Sweep.StartLearningRate:R} to {Sweep.EndLearningRate:R}, beta {Sweep.SmoothingBeta:R}; window [{Curve.WindowStart}, {Curve.WindowEnd})");

    private static double[] SweepSmoothing(double[] losses, double beta)
    {
        // The sweep's own average (the same recurrence as DebiasedMovingAverage), so the curve is what LrSweep records.
        double average = 0;
        var smoothed = new double[losses.Length];
        for (int i = 0; i < losses.Length; i++)
        {
            average = (beta * average) + ((1 - beta) * losses[i]);
            smoothed[i] = average / (1 - Math.Pow(beta, i + 1));
        }

        return smoothed;
    }

    private static double[] Losses(CurveShape shape, int length, Random random)
    {
        var losses = new double[length];
        double noise = random.Next(3) switch { 0 => 0, 1 => 0.01, _ => random.NextDouble() * 2 };
        double level = (random.NextDouble() * 10) - 5;
        double step = random.NextDouble() * Math.Pow(10, random.Next(-6, 3));
        double constant = random.Next(7) switch
        {
            0 => 0.0,
            1 => -0.0,
            2 => -3.5,
            3 => double.Epsilon,
            4 => 1e300,
            5 => -1e300,
            _ => level,
        };
        double specialRate = 0.01 + (random.NextDouble() * 0.5);
        for (int i = 0; i < length; i++)
        {
            double x = length > 1 ? (double)i / (length - 1) : 0;
            losses[i] = shape switch
            {
                CurveShape.RangeTest => RangeTest(x) + (noise * Gaussian(random)),
                CurveShape.Noisy => level + (Math.Pow(10, random.Next(-8, 4)) * Gaussian(random)),
                CurveShape.Constant => constant,
                CurveShape.MonotoneUp => level + (i * step * random.Next(2)),
                CurveShape.MonotoneDown => level - (i * step * random.Next(2)),
                CurveShape.Negative => RangeTest(x) - 10 + (noise * Gaussian(random)),
                CurveShape.Specials => random.NextDouble() < specialRate
                    ? SpecialValues[random.Next(SpecialValues.Length)]
                    : RangeTest(x) + (noise * Gaussian(random)),
                CurveShape.Extreme => (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, (random.NextDouble() * 628) - 320),
                _ => double.NaN,
            };
        }

        // MonotoneUp/Down above multiply by 0 or 1 per point, which breaks monotonicity; make them monotone for real.
        if (shape is CurveShape.MonotoneUp or CurveShape.MonotoneDown)
        {
            for (int i = 1; i < length; i++)
            {
                losses[i] = shape == CurveShape.MonotoneUp ? Math.Max(losses[i], losses[i - 1]) : Math.Min(losses[i], losses[i - 1]);
            }
        }

        return losses;
    }

    // Flat at 2.3, falls to 0.5 between 20% and 60% of the sweep, explodes after 80%.
    private static double RangeTest(double x) =>
        2.3 - (1.8 * SmoothStep((x - 0.2) / 0.4)) + (x > 0.8 ? Math.Exp(20 * (x - 0.8)) - 1 : 0);

    private static double SmoothStep(double t)
    {
        t = Math.Clamp(t, 0, 1);
        return t * t * (3 - (2 * t));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
