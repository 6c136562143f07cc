using System.Diagnostics;
using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>One seed of the TextClassification task: a stratified train / validation / test split of the detox comments and the trainer's options.</summary>
internal sealed class TextClassificationSession : IRegretSession
{
    private readonly TextClassificationTask task;
    private readonly int seed;
    private readonly string tempFolder;
    private readonly MLContext mlContext;
    private readonly IDataView train;
    private readonly IDataView validation;
    private readonly IDataView test;
    private readonly int trainCount;

    public TextClassificationSession(TextClassificationTask task, int seed)
    {
        this.task = task;
        this.seed = seed;
        tempFolder = Path.Combine(Path.GetTempPath(), "lrfinder-benchmarks");
        NasBertWeights.Ensure(tempFolder);
        mlContext = new MLContext(seed) { TempFilePath = tempFolder };

        var comments = DetoxComments.Load();
        var random = new Random(seed);
        var trainRows = new List<DetoxComments.Row>();
        var validationRows = new List<DetoxComments.Row>();
        var testRows = new List<DetoxComments.Row>();
        foreach (var group in comments.GroupBy(c => c.Sentiment).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            int held = (int)Math.Round(rows.Length * 0.2);
            validationRows.AddRange(rows.Take(held));
            testRows.AddRange(rows.Skip(held).Take(held));
            trainRows.AddRange(rows.Skip(2 * held));
        }

        var shuffledTrain = trainRows.ToArray();
        random.Shuffle(shuffledTrain);
        trainCount = shuffledTrain.Length;

        // One key mapping for both splits (fitted on all rows), so that key 1 means the same class in each.
        var all = mlContext.Data.LoadFromEnumerable(comments);
        var toKey = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(DetoxComments.Row.Sentiment)).Fit(all);
        train = toKey.Transform(mlContext.Data.LoadFromEnumerable(shuffledTrain));
        validation = toKey.Transform(mlContext.Data.LoadFromEnumerable(validationRows));
        test = toKey.Transform(mlContext.Data.LoadFromEnumerable(testRows));
    }

    public int BudgetSteps => task.Epochs * ((trainCount + task.BatchSize - 1) / task.BatchSize);

    public TextClassificationTrainer.TextClassificationOptions TrainerOptions(double learningRate) => new()
    {
        LabelColumnName = "Label",
        Sentence1ColumnName = nameof(DetoxComments.Row.Sentence),
        BatchSize = task.BatchSize,
        MaxEpoch = task.Epochs,
        LearningRate = [learningRate],
    };

    public TrainingOutcome Train(double learningRate, TrainingBudget budget)
    {
        if (budget != TrainingBudget.OneCycle)
        {
            throw new ArgumentException("the trainer runs its own one-cycle schedule only.", nameof(budget));
        }

        var clock = Stopwatch.StartNew();
        // MLContext does not seed torch before the head is initialised (docs/architecture.md): seed, so that every run of a seed starts
        // from one model.
        random.manual_seed(seed);
        var model = mlContext.MulticlassClassification.Trainers.TextClassification(TrainerOptions(learningRate)).Fit(train);
        double validationLoss = HeldOutLoss(model, validation);
        double testLoss = HeldOutLoss(model, test);
        (model as IDisposable)?.Dispose();
        return new TrainingOutcome(learningRate, validationLoss, testLoss, BudgetSteps, clock.Elapsed);
    }

    /// <summary>Not measured: the library probes this trainer through its own <c>Fit</c>, and the task costs seconds per step.</summary>
    public bool SupportsProbes => false;

    public TrainingOutcome Probe(double learningRate, TrainingBudget schedule, int steps) =>
        throw new NotSupportedException("The tuning step is measured on the TorchSharp tasks only.");

    /// <summary>Sweeps the trainer's own training step; the options' seed puts torch where <see cref="Train"/> starts it.</summary>
    public LrFinderResult Sweep(LrFinderOptions options)
    {
        var seeded = options.Clone();
        seeded.Seed = seed;
        return TrainerSweep.TextClassification(mlContext, TrainerOptions(LrFinderDefaults.StartLearningRate), train, seeded);
    }

    /// <summary>Fits for <paramref name="epochs"/> epochs at a learning rate where nothing diverges (the overhead benchmark's plain arm).</summary>
    public TimeSpan TimeFit(int epochs, double learningRate)
    {
        var options = TrainerOptions(learningRate);
        options.MaxEpoch = epochs;
        random.manual_seed(seed);
        var clock = Stopwatch.StartNew();
        var model = mlContext.MulticlassClassification.Trainers.TextClassification(options).Fit(train);
        var elapsed = clock.Elapsed;
        (model as IDisposable)?.Dispose();
        return elapsed;
    }

    /// <summary>Sweeps <paramref name="iterations"/> iterations over a range where nothing diverges (the overhead benchmark's sweep arm).</summary>
    public (TimeSpan Elapsed, int Iterations) TimeSweep(int iterations, double startLearningRate, double endLearningRate)
    {
        var options = new LrFinderOptions
        {
            StartLearningRate = startLearningRate,
            EndLearningRate = endLearningRate,
            NumberOfIterations = iterations,
            StopOnDivergence = false,
            SuggestionMethods = LrSuggestionMethods.All,
            Seed = seed,
        };
        var clock = Stopwatch.StartNew();
        var result = TrainerSweep.TextClassification(mlContext, TrainerOptions(startLearningRate), train, options);
        return (clock.Elapsed, result.IterationsRun);
    }

    /// <summary>Rows per batch.</summary>
    public int BatchSize => task.BatchSize;

    /// <summary>Optimizer steps in one epoch.</summary>
    public int StepsPerEpoch => (trainCount + task.BatchSize - 1) / task.BatchSize;

    public void Dispose()
    {
    }

    /// <summary>Mean cross-entropy of the Score logits (the trainer's head output, no softmax) against the key label; +∞ when not finite.</summary>
    private static double HeldOutLoss(ITransformer model, IDataView rows)
    {
        var scored = model.Transform(rows);
        var labels = scored.GetColumn<uint>("Label").ToArray();
        var scores = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double max = scores[i].Max();
            double logSumExp = max + Math.Log(scores[i].Sum(s => Math.Exp(s - max)));
            total += logSumExp - scores[i][labels[i] - 1];
        }

        double mean = total / labels.Length;
        return double.IsFinite(mean) ? mean : double.PositiveInfinity;
    }
}
