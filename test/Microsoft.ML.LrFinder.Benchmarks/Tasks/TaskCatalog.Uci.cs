using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// The tasks on UCI data sets converted from mlbench (Data/README.md): one source each but letter recognition (two tasks), so
/// leave-one-source-out validation sees eight sources the digits-heavy original suite never had. They cover the regime where
/// the original default failed (small data trained for tens of epochs: sonar, ionosphere, glass, the small letter task), larger
/// data with short budgets (satellite, letter), AdamW with weight decay, a residual network, BatchNorm and a convex model.
/// </summary>
internal static partial class TaskCatalog
{
    /// <summary>Small data, long budget: 208 rows, 60 features, trained 60 epochs (about 125 training rows).</summary>
    public static BenchmarkTask SonarMlp() => new(
        "sonar-mlp",
        "MLP 60-64-64-2 (ReLU) on sonar (208 rows), standardised features, 60 epochs; 60/20/20 train/validation/test",
        () => DataFiles.LoadLabelledCsv("sonar", "sonar.csv", 2),
        () => Mlp(60, 64, 2),
        epochs: 60,
        batchSize: 16,
        standardizeFeatures: true)
    {
        Source = "sonar",
    };

    /// <summary>Small data, long budget: 351 rows, 34 features, 50 epochs.</summary>
    public static BenchmarkTask IonosphereMlp() => new(
        "ionosphere-mlp",
        "MLP 34-64-64-2 (ReLU) on ionosphere (351 rows), standardised features, 50 epochs; 60/20/20 train/validation/test",
        () => DataFiles.LoadLabelledCsv("ionosphere", "ionosphere.csv", 2),
        () => Mlp(34, 64, 2),
        epochs: 50,
        batchSize: 16,
        standardizeFeatures: true)
    {
        Source = "ionosphere",
    };

    /// <summary>Small data, long budget, SGD: 214 rows in six unbalanced classes, 80 epochs.</summary>
    public static BenchmarkTask GlassMlpSgd() => new(
        "glass-mlp-sgd",
        "MLP 9-64-64-6 (ReLU) on glass (214 rows, 6 classes), standardised features, SGD momentum 0.9, 80 epochs; 60/20/20 train/validation/test",
        () => DataFiles.LoadLabelledCsv("glass", "glass.csv", 6),
        () => Mlp(9, 64, 6),
        epochs: 80,
        batchSize: 16,
        standardizeFeatures: true,
        optimizer: TaskOptimizer.SgdMomentum)
    {
        Source = "glass",
    };

    /// <summary>AdamW with weight decay on a mid-sized set: 846 rows, 30 epochs.</summary>
    public static BenchmarkTask VehicleMlpAdamW() => new(
        "vehicle-mlp-adamw",
        "MLP 18-128-128-4 (ReLU) on vehicle silhouettes (846 rows), standardised features, AdamW weight decay 0.01, 30 epochs; 60/20/20 train/validation/test",
        () => DataFiles.LoadLabelledCsv("vehicle", "vehicle.csv", 4),
        () => Mlp(18, 128, 4),
        epochs: 30,
        batchSize: 32,
        standardizeFeatures: true,
        optimizer: TaskOptimizer.AdamW)
    {
        Source = "vehicle",
    };

    /// <summary>A convex model with SGD on a third binary set.</summary>
    public static BenchmarkTask PimaLogisticSgd() => new(
        "pima-logistic-sgd",
        "logistic regression 8-2 (convex) on Pima Indians diabetes (768 rows), standardised features, SGD momentum 0.9, 20 epochs; 60/20/20 train/validation/test",
        () => DataFiles.LoadLabelledCsv("pima-indians-diabetes", "pima-indians-diabetes.csv", 2),
        () => Sequential(("out", Linear(8, 2))),
        epochs: 20,
        batchSize: 32,
        standardizeFeatures: true,
        optimizer: TaskOptimizer.SgdMomentum)
    {
        Source = "pima-indians-diabetes",
    };

    /// <summary>A residual network: 990 rows, 11 classes, 30 epochs.</summary>
    public static BenchmarkTask VowelResidual() => new(
        "vowel-residual",
        "residual MLP 10-64, 2 blocks of 64-64-64 with skips, head 64-11 on vowel (990 rows, 11 classes), standardised features, 30 epochs; 60/20/20 train/validation/test",
        () => DataFiles.LoadLabelledCsv("vowel", "vowel.csv", 11),
        () => new ResidualMlp(10, 64, 2, 11),
        epochs: 30,
        batchSize: 32,
        standardizeFeatures: true)
    {
        Source = "vowel",
    };

    /// <summary>Larger data, short budget, BatchNorm: 6,435 rows trained 3 epochs.</summary>
    public static BenchmarkTask SatelliteMlpBatchNorm() => new(
        "satellite-mlp-bn",
        "MLP 36-128-BN-128-BN-6 (ReLU, BatchNorm1d) on Landsat satellite (6,435 rows), standardised features, 3 epochs; 60/20/20 train/validation/test",
        () => DataFiles.LoadLabelledCsv("satellite", "satellite.csv.gz", 6),
        () => Sequential(
            ("fc1", Linear(36, 128)), ("bn1", BatchNorm1d(128)), ("relu1", ReLU()),
            ("fc2", Linear(128, 128)), ("bn2", BatchNorm1d(128)), ("relu2", ReLU()),
            ("out", Linear(128, 6))),
        epochs: 3,
        batchSize: 64,
        standardizeFeatures: true)
    {
        Source = "satellite",
    };

    /// <summary>Larger data, short budget, AdamW: 20,000 rows in 26 classes trained 2 epochs.</summary>
    public static BenchmarkTask LetterMlpAdamW() => new(
        "letter-mlp-adamw",
        "MLP 16-256-256-26 (ReLU) on letter recognition (20,000 rows, 26 classes), standardised features, AdamW weight decay 0.01, 2 epochs; 60/20/20 train/validation/test",
        () => DataFiles.LoadLabelledCsv("letter-recognition", "letter-recognition.csv.gz", 26),
        () => Mlp(16, 256, 26),
        epochs: 2,
        batchSize: 64,
        standardizeFeatures: true,
        optimizer: TaskOptimizer.AdamW)
    {
        Source = "letter-recognition",
    };

    /// <summary>The same data small and trained long: 520 training rows (about 20 per class), 60 epochs.</summary>
    public static BenchmarkTask LetterSmallMlp() => new(
        "letter-small-mlp",
        "MLP 16-256-256-26 (ReLU) on 520 training rows of letter recognition, standardised features, 60 epochs; 20% validation, 20% test of all rows",
        () => DataFiles.LoadLabelledCsv("letter-recognition", "letter-recognition.csv.gz", 26),
        () => Mlp(16, 256, 26),
        epochs: 60,
        batchSize: 32,
        standardizeFeatures: true)
    {
        Source = "letter-recognition",
        MaxTrainCount = 520,
    };

    /// <summary>The UCI tasks, in report order.</summary>
    public static IReadOnlyList<BenchmarkTask> Uci() =>
    [
        SonarMlp(), IonosphereMlp(), GlassMlpSgd(), VehicleMlpAdamW(), PimaLogisticSgd(), VowelResidual(), SatelliteMlpBatchNorm(),
        LetterMlpAdamW(), LetterSmallMlp(),
    ];

    /// <summary>A two-hidden-layer ReLU MLP.</summary>
    private static Module<Tensor, Tensor> Mlp(int features, int width, int outputs) => Sequential(
        ("fc1", Linear(features, width)), ("relu1", ReLU()),
        ("fc2", Linear(width, width)), ("relu2", ReLU()),
        ("out", Linear(width, outputs)));
}
