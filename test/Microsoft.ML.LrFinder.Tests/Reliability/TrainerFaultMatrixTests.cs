using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// Issue 8's fault matrix for the ML.NET trainers (NAS-BERT family: TextClassification and SentenceSimilarity), through
/// <c>mlContext.LrFinder().Find</c>, on the random-weight fixture. Faults come in the way they reach a real user: the trainer's
/// own step throws while reading a batch's text, <c>MLContext.CancelExecution</c> and a throwing <c>MLContext.Log</c> handler
/// on the step's progress line (TextClassification); NaN, infinite and exploding labels give NaN, infinite and diverging losses
/// (SentenceSimilarity, squared error).
/// After each: the user's options and torch's random generator are as before, no native tensor is left alive, no file is left
/// in the temp folder, the working folder or the context's temp path, and the result or the exception names the iteration.
/// </summary>
/// <remarks>
/// The sweep trains a throwaway internal trainer, so the user's model does not exist yet; what a failure could damage is the
/// options, the random stream, native memory and files, and the trainer estimator (checked by
/// <see cref="A_trainer_whose_sweep_failed_fits_exactly_like_an_untouched_one"/>).
/// </remarks>
[NonParallelizable]
public class TrainerFaultMatrixTests
{
    private const int Iterations = 6;
    private const int BatchSize = 2;

    // One epoch holds exactly the sweep, so each batch is trained once and a fault in batch k reaches iteration k only.
    private const int Rows = Iterations * BatchSize;
    private const int TorchSeed = 11;

    // The tensors a clean sweep leaves, per family (see SideEffects: a constant per ML.NET model, as in a plain Fit).
    private readonly Dictionary<TrainerFamily, (long Thread, long Process)> control = [];

    // Both trainers run the same hook (NasBertTrainerHook); each fault is injected once in the family, where it is natural.
    private static readonly FaultKind[] TextFaults = [FaultKind.StepThrows, FaultKind.Cancelled, FaultKind.ProgressThrows];

    private static readonly FaultKind[] RegressionFaults = [FaultKind.NaNLoss, FaultKind.InfiniteLoss, FaultKind.DivergesAtOnce];

    public static IEnumerable<TestCaseData> Faults() =>
        from pair in TextFaults.Select(f => (Family: TrainerFamily.TextClassification, Fault: f))
            .Concat(RegressionFaults.Select(f => (Family: TrainerFamily.SentenceSimilarity, Fault: f)))
        from position in Enum.GetValues<FaultPosition>()
        select new TestCaseData(pair.Family, pair.Fault, position)
            .SetName($"{pair.Family}: {pair.Fault} at the {position.ToString().ToLowerInvariant()} iteration");

    [OneTimeSetUp]
    public void WarmUpAndMeasureControls()
    {
        // Before any watch: the run folder and the weight file are created once per run, and the first sweep in a process
        // loads native code and caches; none of that belongs to the sweep under test.
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        foreach (var family in Enum.GetValues<TrainerFamily>())
        {
            var data = Data(mlContext, family, fault: null, faultAt: -1);
            Find(mlContext, family, data, out _);
            using var watch = SideEffects.Watch(collectGarbage: true);
            var result = Find(mlContext, family, data, out _);
            Assert.That(result.StopReason, Is.EqualTo(LrFinderStopReason.Completed), $"{family} control sweep");
            control[family] = watch.LiveTensors();
            TestContext.Progress.WriteLine($"[reliability] {family} control sweep leaves {control[family].Thread} tensors on the thread, {control[family].Process} in the process");
        }
    }

    [TestCaseSource(nameof(Faults))]
    public void Restores_everything_leaves_nothing_and_names_the_iteration(TrainerFamily family, FaultKind fault, FaultPosition position)
    {
        int faultAt = position switch
        {
            FaultPosition.First => 0,
            FaultPosition.Middle => Iterations / 2,
            _ => Iterations - 1,
        };
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        var data = Data(mlContext, family, fault, faultAt);
        string progressLine = $"LrFinder: batch {faultAt + 1}/{Iterations},";
        using var log = new LogRecorder(mlContext, message =>
        {
            if (message.RawMessage?.StartsWith(progressLine, StringComparison.Ordinal) == true)
            {
                switch (fault)
                {
                    case FaultKind.Cancelled:
                        ContextCancellation.Cancel(mlContext);
                        break;
                    case FaultKind.ProgressThrows:
                        throw new InvalidOperationException(FaultOutcome.ProgressMessage);
                }
            }
        });
        var runFolderBefore = RunFolderEntries();
        var randomBefore = FaultRun.RandomState();
        LrFinderResult? result = null;
        Exception? thrown = null;
        object[] optionsBefore = [];
        object[] optionsAfter = [];
        IReadOnlyList<string> leftBehind;
        using (var watch = SideEffects.Watch(collectGarbage: true))
        {
            try
            {
                result = Find(mlContext, family, data, out var options);
                optionsBefore = options.Before;
                optionsAfter = options.After();
            }
            catch (FindFailure failure)
            {
                thrown = failure.InnerException;
                optionsBefore = failure.Options.Before;
                optionsAfter = failure.Options.After();
            }

            // A fault before the optimizer's first steps leaves fewer wrappers in the process than the control; never more.
            leftBehind = watch.LeftBehind(control[family]);
        }

        Assert.Multiple(() =>
        {
            Assert.That(optionsAfter, Is.EqualTo(optionsBefore), "the user's options");
            Assert.That(FaultRun.RandomState(), Is.EqualTo(randomBefore), "torch's random generator");
            Assert.That(leftBehind, Is.Empty);
            Assert.That(RunFolderEntries(), Is.EqualTo(runFolderBefore), "files in MLContext.TempFilePath");
            AssertOutcome(fault, faultAt, result, thrown);
        });
    }

    [TestCase(FaultKind.StepThrows)]
    [TestCase(FaultKind.ProgressThrows)]
    public void A_trainer_whose_sweep_failed_fits_exactly_like_an_untouched_one(FaultKind fault)
    {
        // WithLrFinder swaps the trainer's internal options during the sweep; after a failure the same trainer object must
        // fit as if the finder had never run: same options, same random stream, same model.
        var mlContext = PretrainedWeights.CreateContext(seed: 1, PretrainedModel.NasBert);
        // The fits read labels with their key values (the transformer needs them); the faulty rows only feed the sweep.
        var clean = TestData.DetoxClassification(mlContext, Rows);
        random.manual_seed(TorchSeed);
        var reference = Scores(mlContext.MulticlassClassification.Trainers.TextClassification(TextOptions()).Fit(clean), clean);

        var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(TextOptions());
        var finder = trainer.WithLrFinder(FinderOptions());
        var faulty = Data(mlContext, TrainerFamily.TextClassification, fault, Iterations / 2);
        using var log = new LogRecorder(mlContext, message =>
        {
            if (fault == FaultKind.ProgressThrows && message.RawMessage?.StartsWith($"LrFinder: batch {(Iterations / 2) + 1}/", StringComparison.Ordinal) == true)
            {
                throw new InvalidOperationException(FaultOutcome.ProgressMessage);
            }
        });
        random.manual_seed(TorchSeed);
        Assert.That(() => finder.Fit(faulty), Throws.Exception);
        var after = Scores(trainer.Fit(clean), clean);

        Assert.That(after, Is.EqualTo(reference), "scores of the fit after the failed sweep, bit for bit");
    }

    private static void AssertOutcome(FaultKind fault, int faultAt, LrFinderResult? result, Exception? thrown)
    {
        switch (fault)
        {
            case FaultKind.StepThrows:
                FaultOutcome.AssertThrownAt<IOException>(thrown, FaultyRows.ReadMessage, faultAt, result);
                break;
            case FaultKind.Cancelled when faultAt < Iterations - 1:
                // ML.NET's cancellation is an exception from the trainer's next CheckAlive, at the start of the next step.
                Assert.That(result, Is.Null);
                Assert.That(thrown, Is.InstanceOf<OperationCanceledException>());
                Assert.That(thrown!.Data[LrSweepRunner.IterationDataKey], Is.EqualTo(faultAt + 1), "the iteration in the exception's data");
                break;
            default:
                FaultOutcome.AssertNamesTheIteration(fault, faultAt, Iterations, result, thrown);
                break;
        }
    }

    private static LrFinderResult Find(MLContext mlContext, TrainerFamily family, IDataView data, out OptionsWatch options)
    {
        if (family == TrainerFamily.TextClassification)
        {
            var text = TextOptions();
            options = new OptionsWatch(() => Snapshot(text));
            var watch = options;
            return Run(() => mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.TextClassification(text), data, FinderOptions()), watch);
        }

        var pair = PairOptions();
        options = new OptionsWatch(() => Snapshot(pair));
        var pairWatch = options;
        return Run(() => mlContext.LrFinder().Find(mlContext.Regression.Trainers.SentenceSimilarity(pair), data, FinderOptions()), pairWatch);
    }

    private static LrFinderResult Run(Func<LrFinderResult> find, OptionsWatch options)
    {
        try
        {
            return find();
        }
        catch (Exception ex)
        {
            throw new FindFailure(ex, options);
        }
    }

    private static LrFinderTrainerOptions FinderOptions() =>
        new() { StartLearningRate = 1e-6, EndLearningRate = 1e-4, NumberOfIterations = Iterations, Seed = 3 };

    private static TextClassificationTrainer.TextClassificationOptions TextOptions() => new()
    {
        LabelColumnName = nameof(FaultyRows.Classification.Label),
        Sentence1ColumnName = nameof(FaultyRows.Classification.Sentence),
        BatchSize = BatchSize,
        MaxEpoch = 1,
    };

    private static SentenceSimilarityTrainer.SentenceSimilarityOptions PairOptions() => new()
    {
        LabelColumnName = nameof(FaultyRows.Pair.Label),
        Sentence1ColumnName = nameof(FaultyRows.Pair.Sentence1),
        Sentence2ColumnName = nameof(FaultyRows.Pair.Sentence2),
        BatchSize = BatchSize,
        MaxEpoch = 1,
    };

    private static object[] Snapshot(NasBertTrainer.NasBertOptions options) =>
    [
        options.LearningRate, string.Join(",", options.LearningRate), options.BatchSize, options.MaxEpoch, options.Sentence1ColumnName,
        options.Sentence2ColumnName ?? "none", options.LabelColumnName, options.ValidationSet ?? (object)"none",
    ];

    private static IDataView Data(MLContext mlContext, TrainerFamily family, FaultKind? fault, int faultAt)
    {
        var comments = TestData.DetoxComments(Rows + 1);
        bool ThrowsOnRead(int row) => fault == FaultKind.StepThrows && row == faultAt * BatchSize;
        if (family == TrainerFamily.TextClassification)
        {
            var rows = comments.Take(Rows).Select((c, i) => new FaultyRows.Classification
            {
                Label = c.Toxic ? 1u : 0u,
                Sentence = c.Text,
                ThrowsOnRead = ThrowsOnRead(i),
            }).ToList();
            return mlContext.Data.LoadFromEnumerable(rows);
        }

        var pairs = Enumerable.Range(0, Rows).Select(i =>
        {
            int batch = i / BatchSize;
            float share = ((comments[i].Toxic ? 1f : 0f) + (comments[i + 1].Toxic ? 1f : 0f)) / 2;
            return new FaultyRows.Pair
            {
                Sentence1 = comments[i].Text,
                Sentence2 = comments[i + 1].Text,
                Label = fault switch
                {
                    FaultKind.NaNLoss when batch == faultAt => float.NaN,
                    FaultKind.InfiniteLoss when batch == faultAt => float.PositiveInfinity,
                    FaultKind.DivergesAtOnce when batch >= faultAt => (float)Math.Pow(1e3, batch - faultAt + 1),
                    _ => share,
                },
                ThrowsOnRead = ThrowsOnRead(i),
            };
        }).ToList();
        return mlContext.Data.LoadFromEnumerable(pairs);
    }

    private static float[] Scores(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues()).ToArray();

    private static string[] RunFolderEntries() =>
        Directory.EnumerateFileSystemEntries(TestRunFolder.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The options a Find was given, read before and after.</summary>
    private sealed class OptionsWatch(Func<object[]> read)
    {
        public object[] Before { get; } = read();

        public object[] After() => read();
    }

    private sealed class FindFailure(Exception inner, OptionsWatch options) : Exception(inner.Message, inner)
    {
        public OptionsWatch Options { get; } = options;
    }
}
