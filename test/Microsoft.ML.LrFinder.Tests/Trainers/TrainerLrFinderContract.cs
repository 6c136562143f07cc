using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.LrFinder.Trainers;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>
/// What every hooked trainer promises (issue 4's test list), run by one fixture per trainer on small offline data with the
/// random-weight fixture. The expensive part (a finder fit, a plain fit with the selected learning rate, a plain fit with another
/// learning rate) runs once per fixture and is shared by the tests that read it.
/// </summary>
/// <typeparam name="TTransformer">What the trainer's Fit returns.</typeparam>
/// <typeparam name="TOptions">The trainer's options class.</typeparam>
public abstract class TrainerLrFinderContract<TTransformer, TOptions>
    where TTransformer : class, ITransformer
    where TOptions : class
{
    /// <summary>The torch seed both fits start from: MLContext does not seed the head's initialisation (docs/trainers/).</summary>
    protected const int TorchSeed = 7;

    /// <summary>
    /// How far two fits of the same model at the same rate may end apart, per part of their state (largest difference ÷ largest
    /// magnitude of the part): libtorch's threads sum in varying order, so the last float32 digits of identical fits differ.
    /// </summary>
    protected const double StateTolerance = 1e-4;

    private Lazy<FitOutcome>? fitOutcome;

    /// <summary>The weight file the trainer loads.</summary>
    protected abstract PretrainedModel Weights { get; }

    /// <summary>The sweep length of these tests: short enough for CI, long enough for a suggestion window.</summary>
    protected abstract int Iterations { get; }

    /// <summary>The columns the trainer's transformer adds.</summary>
    protected abstract IReadOnlyList<string> OutputColumns { get; }

    /// <summary>The options the user would pass to the catalog, with the trainer's learning rate at <paramref name="learningRate"/> when given.</summary>
    protected abstract TOptions CreateOptions(double? learningRate = null);

    /// <summary>The learning rate as the trainer reads it from the options.</summary>
    protected abstract double LearningRateOf(TOptions options);

    /// <summary>Every setting of the options that a finder could touch, to check that it does not.</summary>
    protected abstract object[] Snapshot(TOptions options);

    /// <summary>The trainer, from the public catalog.</summary>
    protected abstract IEstimator<TTransformer> CreateTrainer(MLContext mlContext, TOptions options);

    protected abstract IDataView TrainingData(MLContext mlContext);

    /// <summary>The model's outputs on the data, flattened: equal for equal models, different for different ones.</summary>
    protected abstract float[] Predictions(ITransformer model, IDataView data);

    /// <summary>
    /// The learning rate the trainer's optimizer holds at each step of a fit of <paramref name="options"/> with its learning rate
    /// set to <paramref name="learningRate"/> on <paramref name="rows"/> rows: the trainer's own schedule, computed independently.
    /// </summary>
    protected abstract IReadOnlyList<double> FitSchedule(TOptions options, double learningRate, long rows);

    /// <summary>
    /// The trainer's own loss for a step, from the logits of its head's last layer (<c>*Classifier.dense</c>) and the gradient
    /// its backward pass left on them (<see cref="TrainerLoss"/>); null when no hook on the head fires (ObjectDetection).
    /// </summary>
    protected abstract Func<Tensor, Tensor, double>? HeadLoss { get; }

    /// <summary>Inputs the trainer cannot train on, each with a text the error message must contain.</summary>
    protected abstract IEnumerable<(string Case, Func<MLContext, IDataView> Data, string MessageNames)> BadInputs();

    protected virtual LrFinderTrainerOptions SweepOptions() => new() { NumberOfIterations = Iterations };

    /// <summary>How the trainer uses the learning rate it is given: the one-cycle peak (NAS-BERT family, QA) or a constant initial rate (OD).</summary>
    protected abstract LrTrainingSchedule TrainersSchedule { get; }

    protected MLContext CreateContext() => PretrainedWeights.CreateContext(seed: 1, Weights);

    [OneTimeSetUp]
    public void CreateSharedFit() => fitOutcome = new Lazy<FitOutcome>(FitOnce);

    [Test]
    public void Find_records_the_requested_batches_on_the_schedule_or_says_why_it_stopped()
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);
        var options = CreateOptions();
        var before = Snapshot(options);
        using var log = new LogRecorder(mlContext);

        var result = mlContext.LrFinder().Find(CreateTrainer(mlContext, options), data, SweepOptions());

        var points = result.Curve.Points;
        var sweep = new LrSweep(SweepOptions());
        Assert.Multiple(() =>
        {
            if (result.StopReason == LrFinderStopReason.Completed)
            {
                Assert.That(points, Has.Count.EqualTo(Iterations));
            }
            else
            {
                Assert.That(result.StopReason, Is.AnyOf(LrFinderStopReason.Diverged, LrFinderStopReason.NonFiniteLoss));
                // A sweep can diverge at its last batch (seen on TextClassification at batch 20 of 20).
                Assert.That(points, Has.Count.LessThanOrEqualTo(Iterations));
            }

            // Point i trains at the schedule's i-th rate (exponential from 1e-7 to 10, fastai's default), so rates increase.
            Assert.That(points.Select(p => p.LearningRate), Is.EqualTo(points.Select(p => sweep.LearningRateAt(p.Iteration))).Within(1e-12).Percent);
            Assert.That(points.Select(p => p.LearningRate), Is.Ordered.Ascending);
            Assert.That(points.Take(3).Select(p => p.Loss), Has.All.Matches<double>(double.IsFinite).And.All.GreaterThan(0));
            Assert.That(log.Lines("LrFinder: batch "), Has.Count.EqualTo(points.Count), "one progress line per batch in MLContext.Log");
            Assert.That(log.Lines("LrFinder: "), Has.One.Contains("sweep ended"), "a summary line");
            Assert.That(Snapshot(options), Is.EqualTo(before), "the user's options are not modified");
            Assert.That(result.Warnings, Has.None.Contains("not a version the LR finder was tested on"), "the loaded Microsoft.ML.TorchSharp is a tested one");
        });
    }

    /// <summary>
    /// The contract's sweep makes a suggestion, and not the user's own rate: without one the fit would keep the rate already in
    /// the user's options, and the tests that read the rate from the trainer's optimizer would pass whatever the finder did.
    /// </summary>
    [Test]
    public void The_contract_sweep_selects_a_rate_other_than_the_users() => SelectedRate(fitOutcome!.Value);

    [Test]
    public void Fit_trains_with_the_selected_learning_rate()
    {
        var outcome = fitOutcome!.Value;
        double expected = SelectedRate(outcome);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Finder.LastResult, Is.SameAs(outcome.Result));
            Assert.That(outcome.Finder.LastLearningRate, Is.EqualTo(expected));
            // Observed in the real fit: its model is the plain fit's with that rate and not the plain fit's with another rate.
            // Scaled by the magnitude above 1: object detection's outputs reach ~90, where float32 rounding alone differs by
            // more than 1e-5 (seen: 6e-5 at 87.8).
            Assert.That(LargestScaledDifference(outcome.FinderPredictions, outcome.PlainPredictions), Is.LessThanOrEqualTo(1e-5));
            Assert.That(LargestScaledDifference(outcome.FinderPredictions, outcome.ControlPredictions), Is.GreaterThan(1e-5));
        });
    }

    /// <summary>
    /// The rate the contract's sweep selected, asserted to exist, to differ from the user's own (so that a rate read from the
    /// trainer's optimizer can only have come from the finder) and to be the one the finder reports.
    /// </summary>
    private double SelectedRate(FitOutcome outcome)
    {
        Assert.That(outcome.Result.SelectedLearningRate, Is.Not.Null, $"the contract sweep made no suggestion ({outcome.Result.Selected?.Explanation}): the fit kept the user's rate");
        double selected = outcome.Result.SelectedLearningRate!.Value;
        Assert.That(selected, Is.Not.EqualTo(LearningRateOf(CreateOptions())).Within(1).Percent, "the selection is the user's own rate");
        Assert.That(outcome.Finder.LastLearningRate, Is.EqualTo(selected), "the finder reports the selected rate");
        return selected;
    }

    /// <summary>
    /// The largest |a − b| / max(1, |b|): an absolute difference for outputs up to 1, a relative one above; +∞ when the
    /// outputs differ in number (object detection's models can predict different numbers of boxes).
    /// </summary>
    private static double LargestScaledDifference(float[] actual, float[] expected) => actual.Length != expected.Length
        ? double.PositiveInfinity
        : actual.Zip(expected, (a, b) => Math.Abs((double)a - b) / Math.Max(1, Math.Abs((double)b))).DefaultIfEmpty(0).Max();

    [Test]
    public void The_default_rule_reads_the_curve_for_the_way_the_trainer_uses_the_rate()
    {
        var result = fitOutcome!.Value.Result;
        Assert.Multiple(() =>
        {
            Assert.That(SweepOptions().TrainingSchedule, Is.Null, "the sweep leaves the schedule to the trainer");
            Assert.That(result.Options.TrainingSchedule, Is.EqualTo(TrainersSchedule));
            Assert.That(result.Options.TrainingEpochs, Is.Not.Null.And.GreaterThanOrEqualTo(1), "the trainer's MaxEpoch reaches the default rule");
            Assert.That(result.Selected!.Method, Is.EqualTo("lagfree"));
            Assert.That(
                result.SelectedLearningRate,
                Is.EqualTo(LrSuggestionMethods.LagFree.Suggest(result.Curve, TrainersSchedule, result.Options.TrainingEpochs).LearningRate),
                "the selection is lagfree's reading of the curve for the trainer's schedule");
        });
    }

    [Test]
    public void Fit_returns_the_trainers_own_transformer_which_saves_and_loads()
    {
        var outcome = fitOutcome!.Value;
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);
        string path = Path.Combine(TestRunFolder.Path, $"{GetType().Name}-{Guid.NewGuid():N}.zip");

        mlContext.Model.Save(outcome.Model, data.Schema, path);
        var loaded = mlContext.Model.Load(path, out _);

        var scored = outcome.Model.Transform(data);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Model, Is.InstanceOf<TransformerChain<TTransformer>>());
            Assert.That(((TransformerChain<TTransformer>)outcome.Model).LastTransformer, Is.InstanceOf<TTransformer>().And.Not.Null);
            foreach (string column in OutputColumns)
            {
                Assert.That(scored.Schema.GetColumnOrNull(column), Is.Not.Null, column);
            }

            Assert.That(Predictions(loaded, data), Is.EqualTo(outcome.FinderPredictions).Within(1e-5));
        });
    }

    [Test]
    public void Fit_leaves_the_users_options_as_they_were()
    {
        var outcome = fitOutcome!.Value;
        Assert.That(Snapshot(outcome.Options), Is.EqualTo(outcome.OptionsBefore));
    }

    /// <summary>
    /// Read from the trainer's own optimizer at each step of the sweep inside <c>WithLrFinder().Fit()</c>: the rate it steps
    /// at is the sweep schedule's, point by point. If the hook stopped writing the rate, the optimizer would hold the trainer's
    /// own starting rate throughout.
    /// </summary>
    [Test]
    public void The_sweep_rate_is_in_the_trainers_optimizer_at_every_step()
    {
        var outcome = fitOutcome!.Value;
        SelectedRate(outcome);
        var recorded = outcome.Result.Curve.Points.Select(p => p.LearningRate).ToArray();
        var schedule = new LrSweep(SweepOptions());

        Assert.Multiple(() =>
        {
            Assert.That(outcome.SweepOptimizerRates, Has.Count.EqualTo(recorded.Length), "one observation per recorded point");
            Assert.That(outcome.SweepOptimizerRates, Is.EqualTo(recorded).Within(1e-9).Percent);
            Assert.That(outcome.SweepOptimizerRates, Is.EqualTo(recorded.Select((_, i) => schedule.LearningRateAt(i))).Within(1e-9).Percent);
        });
    }

    /// <summary>
    /// Read from the trainer's own optimizer at each step of the real fit after the sweep: it starts from the selected rate as
    /// the trainer's own schedule shapes it (one-cycle warm-up from <c>LearningRate · StartLearningRateRatio</c>, or SGD's
    /// constant <c>InitLearningRate</c> within an epoch), and the user's options object is as it was.
    /// </summary>
    [Test]
    public void The_fit_starts_from_the_selected_rate_as_the_trainers_own_schedule_shapes_it()
    {
        var outcome = fitOutcome!.Value;
        var expected = FitSchedule(CreateOptions(), SelectedRate(outcome), outcome.Rows);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.FitOptimizerRates, Has.Count.EqualTo(expected.Count), "one observation per step of the fit");
            Assert.That(outcome.FitOptimizerRates, Is.EqualTo(expected).Within(1e-9).Percent);
            Assert.That(Snapshot(outcome.Options), Is.EqualTo(outcome.OptionsBefore), "the user's options are not modified");
        });
    }

    /// <summary>
    /// The real fit after the sweep ends where a plain fit at the selected rate ends, all the way down: every parameter of the
    /// model and every field of the optimizer's state (Adam's step count and moments, SGD's momentum buffers) and each parameter
    /// group's rate, not only the predictions; and a plain fit at ten times the rate ends elsewhere, so the comparison can tell.
    /// </summary>
    [Test]
    public void The_fit_after_the_sweep_leaves_the_model_and_optimizer_state_of_a_plain_fit()
    {
        var outcome = fitOutcome!.Value;
        SelectedRate(outcome);
        var (fit, plain, control) = (outcome.Fit!, outcome.PlainFit!, outcome.ControlFit!);
        var same = TrainedState.Differences(fit, plain);
        var other = TrainedState.Differences(control, plain);

        TestContext.Progress.WriteLine($"[{GetType().Name}] {same.Count} parts of the trained state; largest difference from the plain fit {same.Values.Max():0.##e+0}, the control's {other.Values.Max():0.##e+0}");
        Assert.Multiple(() =>
        {
            Assert.That(fit.OptimizerStateIsFinal && plain.OptimizerStateIsFinal, Is.True, "the optimizer state was copied after each fit's last step");
            Assert.That(same.Keys, Has.Some.StartsWith("parameter ").And.Some.StartsWith("optimizer state "));
            Assert.That(same.Where(p => p.Value > StateTolerance).Select(p => $"{p.Key}: {p.Value:0.##e+0}"), Is.Empty);
            Assert.That(other.Where(p => p.Key.StartsWith("parameter ", StringComparison.Ordinal)).Max(p => p.Value), Is.GreaterThan(100 * StateTolerance), "the control fit's parameters");
        });
    }

    /// <summary>The loss recorded at every point is the trainer's own for that step (<see cref="TrainersOwnLosses"/>).</summary>
    [Test]
    public void The_recorded_loss_is_the_trainers_own_at_every_point()
    {
        var outcome = fitOutcome!.Value;
        var recorded = outcome.Result.Curve.Points.Select(p => p.Loss).ToArray();

        var own = TrainersOwnLosses(outcome.Result, outcome.HeadLosses);

        // Relative 1e-4, or 1e-5 absolute for losses near 0: the trainers compute in float32, where a summed loss of 5e-5
        // (QuestionAnswer, measured) carries a relative error of about 1e-3.
        Assert.That(own, Has.Count.EqualTo(recorded.Length), "one loss of the trainer's per recorded point");
        Assert.Multiple(() =>
        {
            for (int i = 0; i < Math.Min(recorded.Length, own.Count); i++)
            {
                Assert.That(recorded[i], Is.EqualTo(own[i]).Within((1e-4 * Math.Abs(own[i])) + 1e-5), $"point {i}");
            }
        });
    }

    [Test]
    public void Cancelling_the_context_stops_the_sweep_with_OperationCanceledException()
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);
        var options = CreateOptions();
        var before = Snapshot(options);
        var finder = CreateTrainer(mlContext, options).WithLrFinder(SweepOptions());
        using var log = new LogRecorder(mlContext, message =>
        {
            if (message.RawMessage?.StartsWith("LrFinder: batch 2/", StringComparison.Ordinal) == true)
            {
                ContextCancellation.Cancel(mlContext);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(() => finder.Fit(data), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(log.Lines("LrFinder: batch "), Has.Count.EqualTo(2), "the sweep stopped at the next step");
            Assert.That(Snapshot(options), Is.EqualTo(before));
            Assert.That(finder.LastResult, Is.Null);
        });
    }

    [Test]
    public void Bad_input_fails_before_training_naming_the_column_or_option()
    {
        foreach (var (name, makeData, messageNames) in BadInputs())
        {
            // A context without the weight files: any training step would try to download and fail differently.
            string emptyFolder = Path.Combine(TestRunFolder.Path, "bad-input-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(emptyFolder);
            var mlContext = new MLContext(seed: 1) { TempFilePath = emptyFolder };
            var options = CreateOptions();
            var before = Snapshot(options);
            var finder = CreateTrainer(mlContext, options).WithLrFinder(SweepOptions());

            var error = Assert.Catch<ArgumentException>(() => finder.Fit(makeData(mlContext)), name);
            Assert.Multiple(() =>
            {
                Assert.That(error!.Message, Does.Contain(messageNames), name);
                Assert.That(Directory.EnumerateFileSystemEntries(emptyFolder), Is.Empty, $"{name}: nothing written");
                Assert.That(Snapshot(options), Is.EqualTo(before), $"{name}: options untouched");
                Assert.That(finder.LastResult, Is.Null, name);
            });
        }
    }

    /// <summary>
    /// The trainer's own loss at each recorded point of <paramref name="result"/>: by default what its head's logits and their
    /// gradient give (<paramref name="headLosses"/>, read at each step of the sweep).
    /// </summary>
    protected virtual IReadOnlyList<double> TrainersOwnLosses(LrFinderResult result, IReadOnlyList<double?> headLosses) =>
        headLosses.Select(loss => loss ?? throw new InvalidOperationException("no head loss was read")).ToArray();

    private FitOutcome FitOnce()
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);
        var options = CreateOptions();
        var before = Snapshot(options);
        var finder = CreateTrainer(mlContext, options).WithLrFinder(SweepOptions());
        var pipeline = mlContext.Transforms.CopyColumns("InputCopy", data.Schema[0].Name).Append(finder);
        var observer = new TrainerObserver(mlContext, HeadLoss) { CopiesOptimizerState = true };
        observer.ObserveSweepOf(finder);

        random.manual_seed(TorchSeed);
        ITransformer model;
        using (observer)
        {
            model = pipeline.Fit(observer.Observe(data));
        }

        var result = finder.LastResult!;
        double learningRate = finder.LastLearningRate!.Value;

        var (plain, plainFit) = PlainFit(mlContext, data, learningRate);
        var (control, controlFit) = PlainFit(mlContext, data, learningRate * 10);

        TestContext.Progress.WriteLine(
            $"[{GetType().Name}] {result.StopReason} after {result.IterationsRun} batches in {result.Elapsed.TotalSeconds:F1} s; fitted with {learningRate:0.##e+0}");
        return new FitOutcome(
            finder, model, result, options, before, Predictions(model, data), Predictions(plain, data), Predictions(control, data))
        {
            Rows = InputChecks.CountRows(data),
            SweepOptimizerRates = observer.SweepSteps.Select(s => s.OptimizerLearningRate).ToArray(),
            HeadLosses = observer.SweepSteps.Select(s => s.TrainerLoss).ToArray(),
            FitOptimizerRates = observer.LastFit.StepRates,
            Fit = observer.LastFit,
            PlainFit = plainFit,
            ControlFit = controlFit,
            PlainModels = [plain, control],
        };
    }

    // The trainer's own fit at a learning rate from the same torch seed, observed: the model it left and its optimizer's state.
    private (ITransformer Model, ObservedFit Fit) PlainFit(MLContext mlContext, IDataView data, double learningRate)
    {
        using var observer = new TrainerObserver(mlContext, headLoss: null) { CopiesOptimizerState = true };
        random.manual_seed(TorchSeed);
        var model = CreateTrainer(mlContext, CreateOptions(learningRate)).Fit(observer.Observe(data));
        return (model, observer.LastFit);
    }

    private sealed record FitOutcome(
        LrFinderEstimator<TTransformer> Finder,
        ITransformer Model,
        LrFinderResult Result,
        TOptions Options,
        object[] OptionsBefore,
        float[] FinderPredictions,
        float[] PlainPredictions,
        float[] ControlPredictions)
    {
        public long Rows { get; init; }

        /// <summary>The rate in the trainer's optimizer at each step of the sweep.</summary>
        public IReadOnlyList<double> SweepOptimizerRates { get; init; } = [];

        /// <summary>The trainer's own loss at each step of the sweep, from its head (null without one).</summary>
        public IReadOnlyList<double?> HeadLosses { get; init; } = [];

        /// <summary>The rate in the trainer's optimizer at each step of the real fit.</summary>
        public IReadOnlyList<double> FitOptimizerRates { get; init; } = [];

        /// <summary>The real fit after the sweep, as the trainer ran it.</summary>
        public ObservedFit? Fit { get; init; }

        /// <summary>The plain fit at the same rate.</summary>
        public ObservedFit? PlainFit { get; init; }

        /// <summary>The plain fit at ten times that rate.</summary>
        public ObservedFit? ControlFit { get; init; }

        /// <summary>
        /// The plain and control fits' transformers, kept alive: a collected transformer's finalizer disposes its model, which
        /// <see cref="PlainFit"/> and <see cref="ControlFit"/> still read.
        /// </summary>
        public IReadOnlyList<ITransformer> PlainModels { get; init; } = [];
    }
}
