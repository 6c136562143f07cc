using System.Diagnostics;
using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// One task of the regret suite: a data set, a train / validation / test split, a model, a loss and a fixed training budget
/// (Adam or SGD, <see cref="Epochs"/> epochs at learning rate x under each of <see cref="Budgets"/>, batch
/// <see cref="BatchSize"/>). Everything random (split, initial weights, batch order) follows the seed.
/// </summary>
internal sealed class BenchmarkTask : IRegretTask
{
    private readonly Func<Dataset> loadData;
    private readonly Func<int, nn.Module<Tensor, Tensor>> createModel;
    private Dataset? data;

    public BenchmarkTask(
        string name,
        string description,
        Func<Dataset> loadData,
        Func<nn.Module<Tensor, Tensor>> createModel,
        int epochs,
        int batchSize,
        bool standardizeFeatures,
        long[]? sampleShape = null,
        TaskOptimizer optimizer = TaskOptimizer.Adam,
        double validationFraction = 0.2,
        double testFraction = 0.2)
        : this(name, description, loadData, _ => createModel(), epochs, batchSize, standardizeFeatures, sampleShape, optimizer, validationFraction, testFraction)
    {
    }

    /// <summary>A task whose model depends on the seed beyond its initial weights (a fine-tuning task's pretrained trunk).</summary>
    public BenchmarkTask(
        string name,
        string description,
        Func<Dataset> loadData,
        Func<int, nn.Module<Tensor, Tensor>> createModel,
        int epochs,
        int batchSize,
        bool standardizeFeatures,
        long[]? sampleShape,
        TaskOptimizer optimizer,
        double validationFraction,
        double testFraction)
    {
        Name = name;
        Description = description;
        this.loadData = loadData;
        this.createModel = createModel;
        Epochs = epochs;
        BatchSize = batchSize;
        StandardizeFeatures = standardizeFeatures;
        SampleShape = sampleShape;
        Optimizer = optimizer;
        ValidationFraction = validationFraction;
        TestFraction = testFraction;
    }

    public string Name { get; }

    public string Description { get; }

    public int Epochs { get; }

    public int BatchSize { get; }

    public bool StandardizeFeatures { get; }

    public long[]? SampleShape { get; }

    public double ValidationFraction { get; }

    public double TestFraction { get; }

    /// <summary>At most this many training rows (the small-data task); null trains on every row not held out.</summary>
    public int? MaxTrainCount { get; init; }

    public TaskOptimizer Optimizer { get; }

    public string OptimizerName => Optimizer switch
    {
        TaskOptimizer.Adam => "Adam",
        TaskOptimizer.AdamW => "AdamW weight decay 0.01",
        _ => "SGD momentum 0.9",
    };

    /// <summary>The data source (a whole data set): leave-one-source-out validation holds out every task on it together.</summary>
    public required string Source { get; init; }

    /// <summary>Every TorchSharp task trains under both schedules.</summary>
    public IReadOnlyList<TrainingBudget> Budgets => TrainingBudget.Both;

    public Dataset Data => data ??= loadData();

    public bool IsClassification => Data.IsClassification;

    public string Budget => Format.Invariant($"{OptimizerName}, {string.Join(" or ", Budgets.Select(b => b.Description))}, {Epochs} epochs, batch {BatchSize}");

    public IRegretSession Open(int seed) => new TorchTaskSession(this, seed);

    public string LossName => IsClassification ? "cross-entropy" : "MSE (standardised target)";

    public PreparedData Prepare(int seed) => PreparedData.Create(Data, seed, ValidationFraction, TestFraction, StandardizeFeatures, SampleShape, MaxTrainCount);

    /// <summary>The batches of the whole budget (and at least <paramref name="minimumBatches"/>), in the seed's order.</summary>
    public BatchSet CreateBatches(PreparedData prepared, int seed, int minimumBatches = 0)
    {
        int stepsPerEpoch = (prepared.TrainCount + BatchSize - 1) / BatchSize;
        return new BatchSet(prepared.TrainFeatures, prepared.TrainLabels, BatchSize, seed, Math.Max(minimumBatches, stepsPerEpoch * Epochs));
    }

    public int TotalSteps(BatchSet batches) => batches.StepsPerEpoch * Epochs;

    /// <summary>The model with the seed's initial weights: the same seed always gives the same weights.</summary>
    public nn.Module<Tensor, Tensor> CreateModel(int seed)
    {
        random.manual_seed(seed);
        var model = createModel(seed);
        model.train();
        return model;
    }

    public optim.Optimizer CreateOptimizer(nn.Module<Tensor, Tensor> model, double learningRate) => Optimizer switch
    {
        TaskOptimizer.Adam => optim.Adam(model.parameters(), lr: learningRate),
        TaskOptimizer.AdamW => optim.AdamW(model.parameters(), lr: learningRate, weight_decay: 0.01),
        _ => optim.SGD(model.parameters(), learningRate, momentum: 0.9),
    };

    /// <summary>The training loss: mean cross-entropy on logits, or mean squared error.</summary>
    public Tensor Loss(Tensor output, Tensor labels) =>
        IsClassification ? nn.functional.cross_entropy(output, labels) : nn.functional.mse_loss(output, labels);

    /// <summary>
    /// Trains a fresh model of the seed at learning rate <paramref name="learningRate"/> under <paramref name="budget"/>'s
    /// schedule, over the whole budget or, with <paramref name="steps"/>, over that many steps with the schedule compressed into
    /// them (a tuning probe).
    /// </summary>
    public TrainingOutcome Train(PreparedData prepared, BatchSet batches, int seed, double learningRate, TrainingBudget budget, int? steps = null)
    {
        var clock = Stopwatch.StartNew();
        using var model = CreateModel(seed);
        using var optimizer = CreateOptimizer(model, learningRate);
        int total = steps ?? TotalSteps(batches);
        int step = 0;
        bool finite = true;
        for (; step < total && finite; step++)
        {
            SetLearningRate(optimizer, budget.LearningRateAt(learningRate, step, total));
            using var scope = NewDisposeScope();
            var (features, labels) = batches[step];
            optimizer.zero_grad();
            var loss = Loss(model.call(features), labels);
            loss.backward();
            optimizer.step();
            // Once the loss is NaN or infinite the weights are too; the rest of the budget cannot bring them back.
            finite = double.IsFinite(loss.item<float>());
        }

        double validation = finite ? Evaluate(model, prepared.ValidationFeatures, prepared.ValidationLabels) : double.PositiveInfinity;
        double test = finite ? Evaluate(model, prepared.TestFeatures, prepared.TestLabels) : double.PositiveInfinity;
        return new TrainingOutcome(learningRate, validation, test, step, clock.Elapsed);
    }

    /// <summary>The loss of the model on held-out rows (in eval mode, so BatchNorm uses its running statistics); +∞ when it is not finite.</summary>
    public double Evaluate(nn.Module<Tensor, Tensor> model, Tensor features, Tensor labels)
    {
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            double loss = Loss(model.call(features), labels).item<float>();
            return double.IsFinite(loss) ? loss : double.PositiveInfinity;
        }
        finally
        {
            model.train();
        }
    }

    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    public override string ToString() => Name;
}
