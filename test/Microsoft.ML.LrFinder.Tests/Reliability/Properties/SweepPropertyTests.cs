using System.Globalization;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

// FsCheck supplies the arguments of every property (NUnit's analyzer only sees attributes).
#pragma warning disable NUnit1027

namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>
/// Properties of the sweep layer: the schedule of any valid options is monotone and hits both ends exactly; a sweep fed any
/// losses records them faithfully and stops for the right reason; invalid options are always named; a saved curve reads back
/// exactly.
/// </summary>
public class SweepPropertyTests
{
    // Above this many iterations the schedule is checked at both ends and at sampled points in between.
    private const int FullyCheckedIterations = 5000;

    [Property(MaxTest = PropertyCounts.Schedules, Arbitrary = [typeof(ReliabilityArbitraries)], QuietOnSuccess = true)]
    public void The_schedule_of_any_valid_options_is_monotone_and_hits_both_ends_exactly(SweepSettings settings)
    {
        var options = settings.Options;
        var sweep = SuggestionPropertyTests.Guard("new LrSweep", () => new LrSweep(options));
        int n = options.NumberOfIterations;
        var iterations = n <= FullyCheckedIterations
            ? Enumerable.Range(0, n)
            : Enumerable.Range(0, 1000)
                .Concat(Enumerable.Range(0, 1000).Select(i => (int)((long)n * i / 1000)))
                .Concat(Enumerable.Range(n - 1000, 1000))
                .Distinct()
                .Order();

        double start = sweep.LearningRateAt(0);
        double end = sweep.LearningRateAt(n - 1);
        if (!start.Equals(options.StartLearningRate) || !end.Equals(options.EndLearningRate))
        {
            throw new PropertyViolation(string.Create(CultureInfo.InvariantCulture, $"the ends are {start:R} and {end:R}."));
        }

        double previous = start;
        int previousIteration = 0;
        foreach (int i in iterations)
        {
            double learningRate = sweep.LearningRateAt(i);
            if (!double.IsFinite(learningRate) || learningRate < options.StartLearningRate || learningRate > options.EndLearningRate)
            {
                throw new PropertyViolation(string.Create(CultureInfo.InvariantCulture, $"iteration {i}: {learningRate:R} is outside the range."));
            }

            if (learningRate < previous)
            {
                throw new PropertyViolation(string.Create(
                    CultureInfo.InvariantCulture, $"iteration {i}: {learningRate:R} is below iteration {previousIteration}'s {previous:R}."));
            }

            previous = learningRate;
            previousIteration = i;
        }
    }

    [Property(MaxTest = PropertyCounts.Sweeps, Arbitrary = [typeof(ReliabilityArbitraries)], QuietOnSuccess = true)]
    public void A_sweep_fed_any_losses_records_them_and_stops_for_the_right_reason(LossSequence sequence)
    {
        var options = sequence.Options;
        var sweep = new LrSweep(options);
        int fed = 0;
        foreach (double loss in sequence.Losses)
        {
            if (!sweep.TryGetNextLearningRate(out double learningRate))
            {
                break;
            }

            if (!learningRate.Equals(sweep.LearningRateAt(fed)))
            {
                throw new PropertyViolation($"iteration {fed}: offered {learningRate}, the schedule says {sweep.LearningRateAt(fed)}.");
            }

            bool continues = SuggestionPropertyTests.Guard("Record", () => sweep.Record(loss));
            fed++;
            if (!continues)
            {
                break;
            }
        }

        var result = SuggestionPropertyTests.Guard("BuildResult", sweep.BuildResult);
        var points = result.Curve.Points;
        if (points.Count != fed || points.Select((p, i) => p.Iteration == i && p.Loss.Equals(sequence.Losses[i]) && p.LearningRate.Equals(sweep.LearningRateAt(i))).Contains(false))
        {
            throw new PropertyViolation("the curve is not the losses fed at the schedule's learning rates.");
        }

        var last = fed > 0 ? points[^1] : default;
        bool lastNonFinite = fed > 0 && (!double.IsFinite(last.Loss) || !double.IsFinite(last.SmoothedLoss));
        bool earlierNonFinite = points.Take(Math.Max(0, fed - 1)).Any(p => !double.IsFinite(p.Loss) || !double.IsFinite(p.SmoothedLoss));
        var expected = result.StopReason switch
        {
            LrFinderStopReason.NonFiniteLoss => lastNonFinite,
            LrFinderStopReason.Diverged => options.StopOnDivergence && !lastNonFinite,
            LrFinderStopReason.Completed => fed == options.NumberOfIterations && !lastNonFinite,
            LrFinderStopReason.EndOfData => fed == sequence.Losses.Count && fed < options.NumberOfIterations && !lastNonFinite,
            _ => false,
        };
        if (!expected || earlierNonFinite)
        {
            throw new PropertyViolation($"stopped {result.StopReason} after {fed} of {sequence.Losses.Count} losses.");
        }

        for (int i = result.Curve.WindowStart; i < result.Curve.WindowEnd; i++)
        {
            if (!double.IsFinite(points[i].SmoothedLoss))
            {
                throw new PropertyViolation($"the window holds a non-finite smoothed loss at {i}.");
            }
        }
    }

    [Property(MaxTest = PropertyCounts.Options, Arbitrary = [typeof(ReliabilityArbitraries)], QuietOnSuccess = true)]
    public void Any_option_values_are_accepted_exactly_when_documented_valid_and_otherwise_the_first_bad_one_is_named(OptionValues values)
    {
        // The documented ranges (LrFinderOptions' <value> docs), in the order Validate checks them.
        string? firstInvalid =
            !(double.IsFinite(values.Start) && values.Start > 0) ? nameof(LrFinderOptions.StartLearningRate)
            : !(double.IsFinite(values.End) && values.End > values.Start) ? nameof(LrFinderOptions.EndLearningRate)
            : values.Iterations < 2 ? nameof(LrFinderOptions.NumberOfIterations)
            : values.Schedule is not (0 or 1) ? nameof(LrFinderOptions.Schedule)
            : !(values.Beta >= 0 && values.Beta < 1) ? nameof(LrFinderOptions.SmoothingBeta)
            : !(double.IsFinite(values.Threshold) && values.Threshold > 1) ? nameof(LrFinderOptions.DivergenceThreshold)
            : null;
        var options = values.ToOptions();
        foreach (var (entry, action) in new (string, Action)[]
        {
            ("Validate", options.Validate),
            ("new LrSweep", () => _ = new LrSweep(options)),
            ("LrCurveAnalysis.Analyze", () => LrCurveAnalysis.Analyze([], 0, options: options)),
        })
        {
            Exception? thrown = null;
            try
            {
                action();
            }
            catch (Exception ex)
            {
                thrown = ex;
            }

            if (firstInvalid is null && thrown is not null)
            {
                throw new PropertyViolation($"{entry}: valid options rejected: {thrown.GetType().Name}: {thrown.Message}");
            }

            if (firstInvalid is not null
                && (thrown is not ArgumentOutOfRangeException bad || bad.ParamName != firstInvalid || !thrown.Message.Contains("must", StringComparison.Ordinal)))
            {
                throw new PropertyViolation($"{entry}: expected ArgumentOutOfRangeException naming {firstInvalid}; got {thrown?.GetType().Name ?? "nothing"}: {thrown?.Message}");
            }
        }
    }

    [Property(MaxTest = PropertyCounts.CsvRoundTrips, Arbitrary = [typeof(ReliabilityArbitraries)], QuietOnSuccess = true)]
    public void A_saved_curve_reads_back_exactly_and_leaves_no_temporary_file(GeneratedCurve generated)
    {
        string folder = Path.Combine(Path.GetTempPath(), "lrfinder-csv-property-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "lr-find.csv");
            var result = LrCurveAnalysis.Analyze(generated.Curve);
            SuggestionPropertyTests.Guard("SaveCsv", () =>
            {
                result.SaveCsv(path);
                return 0;
            });
            var loaded = SuggestionPropertyTests.Guard("LoadCsv", () => LrFinderReport.LoadCsv(path));
            // The file holds the recorded columns; the lag-free loss is recomputed from them when the points become a curve.
            var reread = new LrCurve(loaded, generated.Curve.RequestedIterations).Points;
            if (!loaded.SequenceEqual(generated.Curve.Points.Select(p => p with { LagFreeLoss = double.NaN })) || !reread.SequenceEqual(generated.Curve.Points))
            {
                throw new PropertyViolation("the points read back differ from the points saved.");
            }

            string[] files = Directory.GetFiles(folder).Select(Path.GetFileName).ToArray()!;
            if (files is not ["lr-find.csv"])
            {
                throw new PropertyViolation($"the folder holds {string.Join(", ", files)}.");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
