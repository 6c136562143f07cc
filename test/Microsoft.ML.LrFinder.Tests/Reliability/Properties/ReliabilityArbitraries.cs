using FsCheck;
using FsCheck.Fluent;

namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>FsCheck generators of the property tests: curves, valid options, raw points and loss sequences.</summary>
public static class ReliabilityArbitraries
{
    private static readonly double[] SpecialDoubles =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, double.Epsilon,
        -double.Epsilon, 0.0, -0.0, 1.0, -1.0,
    ];

    /// <summary>Any double: special values one time in four, otherwise a random mantissa times 10^[−320, 308].</summary>
    public static Gen<double> AnyDouble { get; } = Gen.Frequency(
        (1, Gen.Elements(SpecialDoubles)),
        (3, from mantissa in Gen.Choose(-1_000_000, 1_000_000)
            from exponent in Gen.Choose(-320, 308)
            select mantissa * 1e-6 * Math.Pow(10, exponent)),
        (2, Gen.Choose(-10_000, 10_000).Select(i => i / 1000.0)));

    /// <summary>Valid options: everyday ranges most of the time, and the extremes <see cref="LrFinderOptions.Validate"/> allows.</summary>
    public static Gen<LrFinderOptions> ValidOptions { get; } =
        Gen.Choose(0, int.MaxValue).Select(seed => CreateOptions(new Random(seed)));

    public static Arbitrary<SweepSettings> Settings() => ValidOptions.Select(o => new SweepSettings(o)).ToArbitrary();

    public static Arbitrary<GeneratedCurve> Curves()
    {
        var curves =
            from shape in Gen.Elements(Enum.GetValues<CurveShape>())
            from smoothing in Gen.Frequency((3, Gen.Constant(SmoothingMode.Sweep)), (1, Gen.Constant(SmoothingMode.SameAsLoss)), (1, Gen.Constant(SmoothingMode.Independent)))
            from length in Gen.Frequency((2, Gen.Choose(0, 8)), (3, Gen.Choose(9, 120)), (3, Gen.Choose(121, 500)))
            from extra in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Choose(1, 20)), (1, Gen.Choose(21, 500)))
            from options in ValidOptions
            from seed in Gen.Choose(0, int.MaxValue)
            select new GeneratedCurve(shape, smoothing, length, extra, options, seed);
        return Arb.From(curves, curve => curve.Shrink());
    }

    public static Arbitrary<RawCurve> RawCurves()
    {
        var points = Gen.Frequency(
            (1, Gen.Choose(0, 500).Select(n => Enumerable.Range(0, n).Select(i => (double)i + 1).ToArray())),
            (2, Gen.Choose(0, 500).SelectMany(n => Gen.ArrayOf(AnyDouble, n))));
        var curves =
            from learningRates in points
            from losses in Gen.ArrayOf(AnyDouble, learningRates.Length)
            from smoothed in Gen.Frequency((1, Gen.Constant(losses)), (1, Gen.ArrayOf(AnyDouble, learningRates.Length)))
            from requested in Gen.Choose(0, 600)
            select new RawCurve(new LrCurve(
                Enumerable.Range(0, learningRates.Length).Select(i => new LrCurvePoint(i, learningRates[i], losses[i], smoothed[i])),
                requested));
        return curves.ToArbitrary();
    }

    public static Arbitrary<LossSequence> LossSequences()
    {
        var sequences =
            from options in ValidOptions.Select(WithFewIterations)
            from length in Gen.Choose(0, 400)
            from losses in Gen.Frequency(
                (1, Gen.ArrayOf(AnyDouble, length)),
                (2, Gen.ArrayOf(Gen.Choose(1, 100_000).Select(i => i / 1000.0), length)),
                (1, Gen.ArrayOf(Gen.Frequency((30, Gen.Choose(1, 100_000).Select(i => i / 1000.0)), (1, Gen.Elements(SpecialDoubles))), length)))
            select new LossSequence(options, losses);
        return sequences.ToArbitrary();
    }

    public static Arbitrary<OptionValues> AnyOptionValues()
    {
        var values =
            from start in Gen.Frequency((1, AnyDouble), (1, Gen.Choose(1, 1000).Select(i => i * 1e-7)))
            from end in Gen.Frequency((1, AnyDouble), (1, Gen.Choose(1, 1000).Select(i => i * 1e-2)))
            from iterations in Gen.Frequency((1, Gen.Choose(-5, 5)), (1, Gen.Elements(int.MinValue, int.MaxValue, 100)), (2, Gen.Choose(-1000, 1000)))
            from schedule in Gen.Frequency((4, Gen.Choose(0, 1)), (1, Gen.Choose(-3, 5)), (1, Gen.Elements(int.MinValue, int.MaxValue)))
            from beta in Gen.Frequency((1, AnyDouble), (1, Gen.Choose(-100, 1100).Select(i => i / 1000.0)))
            from threshold in Gen.Frequency((1, AnyDouble), (1, Gen.Choose(500, 10_000).Select(i => i / 1000.0)))
            select new OptionValues(start, end, iterations, schedule, beta, threshold);
        return values.ToArbitrary();
    }

    private static LrFinderOptions WithFewIterations(LrFinderOptions options)
    {
        options.NumberOfIterations = 2 + (options.NumberOfIterations % 300);
        return options;
    }

    private static LrFinderOptions CreateOptions(Random random)
    {
        (double start, double end) = random.Next(10) switch
        {
            0 => Extreme(random),
            _ => Everyday(random),
        };
        return new LrFinderOptions
        {
            StartLearningRate = start,
            EndLearningRate = end,
            NumberOfIterations = random.Next(20) switch
            {
                0 => random.Next(2, int.MaxValue),
                1 => int.MaxValue,
                2 => 2,
                _ => random.Next(2, 2001),
            },
            Schedule = random.Next(2) == 0 ? LrSchedule.Exponential : LrSchedule.Linear,
            SmoothingBeta = random.Next(6) switch
            {
                0 => 0,
                1 => 0.98,
                2 => 1 - Math.Pow(2, -53),
                3 => 0.999999,
                _ => random.NextDouble(),
            },
            DivergenceThreshold = random.Next(5) switch
            {
                0 => 4,
                1 => 1 + 1e-15,
                2 => 1e300,
                _ => 1 + (random.NextDouble() * 100),
            },
            StopOnDivergence = random.Next(4) != 0,
        };
    }

    private static (double Start, double End) Everyday(Random random)
    {
        double start = Math.Pow(10, -12 + (random.NextDouble() * 12));
        return (start, start * Math.Pow(10, 0.001 + (random.NextDouble() * 12)));
    }

    private static (double Start, double End) Extreme(Random random) => random.Next(8) switch
    {
        0 => (double.Epsilon, 1),
        1 => (1e-300, 1e300),
        2 => (1e-308, double.MaxValue),
        3 => (double.Epsilon, double.MaxValue),
        4 => (1, Math.BitIncrement(1.0)),
        5 => (0.5, 0.5000001),
        6 => (1e-7, 10),
        _ => (Math.BitDecrement(double.MaxValue), double.MaxValue),
    };
}
