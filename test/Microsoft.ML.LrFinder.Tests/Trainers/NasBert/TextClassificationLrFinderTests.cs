using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.LrFinder.Tests.Trainers.Observation;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.NasBert;

/// <summary>The LR finder on ML.NET's TextClassification trainer (detox comments, 2 classes).</summary>
public class TextClassificationLrFinderTests : NasBertLrFinderContract<TextClassificationTrainer.TextClassificationOptions>
{
    protected override PretrainedModel Weights => PretrainedModel.NasBert;

    protected override IReadOnlyList<string> OutputColumns => ["PredictedLabel", "Score"];

    protected override object[] Snapshot(TextClassificationTrainer.TextClassificationOptions options) =>
        [options.LearningRate, string.Join(",", options.LearningRate), options.BatchSize, options.MaxEpoch, options.Sentence1ColumnName, options.LabelColumnName, options.ValidationSet ?? (object)"none"];

    protected override IEstimator<TorchSharpBaseTransformer> CreateTrainer(MLContext mlContext, TextClassificationTrainer.TextClassificationOptions options) =>
        mlContext.MulticlassClassification.Trainers.TextClassification(options);

    protected override IDataView TrainingData(MLContext mlContext) => TestData.DetoxClassification(mlContext, Rows);

    protected override float[] Predictions(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();

    // Summed cross-entropy over the batch's rows (TextClassification's CrossEntropyLoss, Reduction.Sum).
    protected override Func<Tensor, Tensor, double>? HeadLoss => (logits, gradient) => TrainerLoss.CrossEntropySum(logits, gradient, scale: 1);

    protected override IEnumerable<(string Case, Func<MLContext, IDataView> Data, string MessageNames)> BadInputs()
    {
        yield return ("missing sentence column", ml => ml.Transforms.CopyColumns("Text", "Sentence").Fit(Data(ml)).Transform(Data(ml)) is var d ? ml.Transforms.DropColumns("Sentence").Fit(d).Transform(d) : d, "'Sentence'");
        yield return ("sentence not text", ml => ml.Data.LoadFromEnumerable([new NumericSentence { Sentence = 1, Label = 1 }, new NumericSentence { Sentence = 2, Label = 2 }]), "'Sentence'");
        yield return ("label not a key", ml => ml.Transforms.Conversion.MapKeyToValue("Label").Fit(Data(ml)).Transform(Data(ml)), "'Label'");
        yield return ("missing label column", ml => ml.Transforms.DropColumns("Label").Fit(Data(ml)).Transform(Data(ml)), "'Label'");
        yield return ("empty data", ml => ml.Data.FilterByCustomPredicate<KeyRow>(Data(ml), _ => true), "no rows");
        yield return ("fewer rows than a batch", ml => ml.Data.TakeRows(Data(ml), 3), "BatchSize = 4");
        yield return ("one class", ml => ml.Data.FilterByCustomPredicate<KeyRow>(Data(ml), row => row.Label != 1), "'Label'");
    }

    [Test]
    public void Without_a_suggestion_the_fit_keeps_the_trainers_learning_rate_and_warns()
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);
        var options = CreateOptions(learningRate: 3e-4);
        var finder = CreateTrainer(mlContext, options).WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 8, Selector = new NeverSuggests() });
        using var log = new LogRecorder(mlContext);

        var model = finder.Fit(data);

        Assert.Multiple(() =>
        {
            Assert.That(model, Is.Not.Null);
            Assert.That(finder.LastResult!.SelectedLearningRate, Is.Null);
            Assert.That(finder.LastLearningRate, Is.EqualTo(3e-4));
            Assert.That(finder.LastResult.Warnings, Has.Some.Contains("keeps its own LearningRate 3e-4"));
            Assert.That(log.Lines("LrFinder: No suggestion"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Without_a_suggestion_the_fit_can_be_made_to_fail_instead()
    {
        var mlContext = CreateContext();
        var finder = CreateTrainer(mlContext, CreateOptions()).WithLrFinder(
            new LrFinderTrainerOptions { NumberOfIterations = 8, Selector = new NeverSuggests(), WhenNoSuggestion = LrFinderNoSuggestionAction.Throw });

        Assert.Multiple(() =>
        {
            Assert.That(() => finder.Fit(TrainingData(mlContext)), Throws.InvalidOperationException.With.Message.Contains("no suggestion"));
            Assert.That(finder.LastResult, Is.Not.Null, "the curve is kept for inspection");
            Assert.That(finder.LastLearningRate, Is.Null, "nothing was fitted");
        });
    }

    [Test]
    public void The_default_rule_reads_the_rate_as_the_one_cycle_peak_the_trainer_uses_it_as_unless_told_otherwise()
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);
        var asTrainer = mlContext.LrFinder().Find(CreateTrainer(mlContext, CreateOptions()), data, new LrFinderTrainerOptions { NumberOfIterations = 12 });
        var asConstant = mlContext.LrFinder().Find(
            CreateTrainer(mlContext, CreateOptions()), data, new LrFinderTrainerOptions { NumberOfIterations = 12, TrainingSchedule = LrTrainingSchedule.Constant });
        Assert.Multiple(() =>
        {
            Assert.That(asTrainer.Options.TrainingSchedule, Is.EqualTo(LrTrainingSchedule.OneCycle));
            Assert.That(asConstant.Options.TrainingSchedule, Is.EqualTo(LrTrainingSchedule.Constant));
            Assert.That(asTrainer.Selected!.Method, Is.EqualTo("lagfree"));
            if (asTrainer.Selected.HasValue)
            {
                Assert.That(asTrainer.Selected.Explanation, Does.Contain("one-cycle"));
                Assert.That(asConstant.Selected!.Explanation, Does.Contain("constant rate"));
            }
        });
    }

    [Test]
    public void A_row_budget_sweeps_the_fixed_number_of_batches_over_the_kept_rows()
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);

        // 8 rows are 2 batches of 4: 12 batches read the kept rows 6 times over (unless the loss diverges first).
        var result = mlContext.LrFinder().Find(
            CreateTrainer(mlContext, CreateOptions()), data, new LrFinderTrainerOptions { NumberOfIterations = 12, EndLearningRate = 1e-3, MaximumRows = 8 });
        var sampled = mlContext.LrFinder().Find(
            CreateTrainer(mlContext, CreateOptions()), data, new LrFinderTrainerOptions { NumberOfIterations = 12, EndLearningRate = 1e-3, MaximumRows = 8, SamplingSeed = 3 });

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Completed));
            Assert.That(result.IterationsRun, Is.EqualTo(12));
            // Batches 1, 3, 5, ... hold the same rows; at learning rates ≤ 1e-3 over a few steps their losses stay close.
            Assert.That(result.Curve.Points[2].Loss, Is.EqualTo(result.Curve.Points[0].Loss).Within(25).Percent);
            Assert.That(sampled.IterationsRun, Is.EqualTo(12));
            Assert.That(
                () =>
                {
                    var options = SweepOptions();
                    options.MaximumRows = 3;
                    return mlContext.LrFinder().Find(CreateTrainer(mlContext, CreateOptions()), data, options);
                },
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("MaximumRows"));
        });
    }

    [Test]
    public void A_cancellation_token_ends_the_analysis_early_with_the_curve_so_far()
    {
        var mlContext = CreateContext();
        using var cancellation = new CancellationTokenSource();
        using var log = new LogRecorder(mlContext, message =>
        {
            if (message.RawMessage?.StartsWith("LrFinder: batch 3/", StringComparison.Ordinal) == true)
            {
                cancellation.Cancel();
            }
        });

        var result = mlContext.LrFinder().Find(CreateTrainer(mlContext, CreateOptions()), TrainingData(mlContext), SweepOptions(), cancellationToken: cancellation.Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Cancelled));
            Assert.That(result.IterationsRun, Is.EqualTo(3));
        });
    }

    [Test]
    public void The_sweep_honours_the_contexts_device_settings_as_the_trainer_does()
    {
        // No GPU here: with GpuDeviceId set and FallbackToCpu false the trainer refuses to start (TorchUtils.InitializeDevice);
        // with FallbackToCpu true it trains on the CPU. The sweep does what the trainer does, because it is the trainer's code.
        var strict = CreateContext();
        strict.GpuDeviceId = 0;
        strict.FallbackToCpu = false;
        var data = TrainingData(strict);
        var plainError = Assert.Catch(() => CreateTrainer(strict, CreateOptions()).Fit(data));
        var finderError = Assert.Catch(() => CreateTrainer(strict, CreateOptions()).WithLrFinder(SweepOptions()).Fit(data));

        var lenient = CreateContext();
        lenient.GpuDeviceId = 0;
        lenient.FallbackToCpu = true;
        var result = lenient.LrFinder().Find(CreateTrainer(lenient, CreateOptions()), TrainingData(lenient), new LrFinderTrainerOptions { NumberOfIterations = 4 });

        Assert.Multiple(() =>
        {
            Assert.That(finderError!.GetType(), Is.EqualTo(plainError!.GetType()));
            Assert.That(finderError.Message, Is.EqualTo(plainError.Message));
            Assert.That(result.IterationsRun, Is.GreaterThan(0));
        });
    }

    /// <summary>
    /// The recorded loss is the trainer's own for the batch: with dropout off, the first point's loss (trained at 1e-7, before
    /// any update) is the summed cross-entropy, over the first batch, of the model a plain fit starts from. A plain fit at a
    /// learning rate of 1e-12 leaves that model unchanged to float precision, and its Score holds the model's logits.
    /// </summary>
    [Test]
    public void The_recorded_loss_is_the_trainers_summed_cross_entropy_on_the_batch()
    {
        var mlContext = CreateContext();
        var data = TrainingData(mlContext);

        // Both start from one model: the encoder from the weight file, the head from torch's generator at the same state.
        random.manual_seed(11);
        var result = mlContext.LrFinder().Find(CreateTrainer(mlContext, NoDropout(CreateOptions())), data, new LrFinderTrainerOptions { NumberOfIterations = 2 });
        random.manual_seed(11);
        var model = mlContext.MulticlassClassification.Trainers.TextClassification(NoDropout(CreateOptions(learningRate: 1e-12))).Fit(data);
        var firstBatch = model.Transform(mlContext.Data.TakeRows(data, 4));
        var labels = firstBatch.GetColumn<uint>("Label").ToArray();
        var scores = firstBatch.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().Select(x => (double)x).ToArray()).ToArray();
        double expected = labels.Select((label, i) => LogSumExp(scores[i]) - scores[i][label - 1]).Sum();

        Assert.That(result.Curve.Points[0].Loss, Is.EqualTo(expected).Within(1e-3).Percent);
    }

    private static double LogSumExp(double[] values)
    {
        double max = values.Max();
        return max + Math.Log(values.Sum(v => Math.Exp(v - max)));
    }

    private static TextClassificationTrainer.TextClassificationOptions NoDropout(TextClassificationTrainer.TextClassificationOptions options)
    {
        options.Dropout = 0;
        options.AttentionDropout = 0;
        return options;
    }

    private static IDataView Data(MLContext mlContext) => TestData.DetoxClassification(mlContext, Rows);

    private sealed class NumericSentence
    {
        public float Sentence { get; set; }

        [KeyType(2)]
        public uint Label { get; set; }
    }

    private sealed class KeyRow
    {
        public uint Label { get; set; }
    }
}
