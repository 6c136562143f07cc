using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>The tasks of the regret suite and the models the cost benchmarks time.</summary>
internal static partial class TaskCatalog
{
    public static BenchmarkTask DigitsMlp() => new(
        "digits-mlp",
        "MLP 64-128-128-10 (ReLU) on 8×8 digits; 60/20/20 train/validation/test",
        DataFiles.LoadDigits,
        CreateDigitsMlp,
        epochs: 5,
        batchSize: 64,
        standardizeFeatures: false)
    {
        Source = "digits",
    };

    public static BenchmarkTask DigitsMlpSgd() => new(
        "digits-mlp-sgd",
        "the digits MLP trained with SGD (momentum 0.9) instead of Adam; 60/20/20 train/validation/test",
        DataFiles.LoadDigits,
        CreateDigitsMlp,
        epochs: 5,
        batchSize: 64,
        standardizeFeatures: false,
        optimizer: TaskOptimizer.SgdMomentum)
    {
        Source = "digits",
    };

    public static BenchmarkTask DigitsCnn() => new(
        "digits-cnn",
        "CNN conv3×3(16)-conv3×3(32)-maxpool-linear on 8×8 digits as 1×8×8; 60/20/20 train/validation/test",
        DataFiles.LoadDigits,
        CreateDigitsCnn,
        epochs: 5,
        batchSize: 64,
        standardizeFeatures: false,
        sampleShape: [1, 8, 8])
    {
        Source = "digits",
    };

    public static BenchmarkTask IrisMlp() => new(
        "iris-mlp",
        "MLP 4-32-3 (ReLU) on iris, standardised features; 40/30/30 train/validation/test",
        DataFiles.LoadIris,
        () => Sequential(("fc1", Linear(4, 32)), ("relu1", ReLU()), ("out", Linear(32, 3))),
        epochs: 20,
        batchSize: 16,
        standardizeFeatures: true,
        // 30% (45 rows) each for validation and test: with 20% (30 rows) held out most splits were classified perfectly, so the
        // best learning rate drove the held-out cross-entropy to ~1e-4 and every ratio to it to thousands (first full run);
        // 45 rows keep a few versicolor/virginica overlaps, where overconfidence costs loss, as on real data.
        validationFraction: 0.3,
        testFraction: 0.3)
    {
        Source = "iris",
    };

    public static BenchmarkTask HousingMlp() => new(
        "housing-mlp",
        "MLP 12-64-64-1 (ReLU) regression on housing without BlackIndex, standardised features and target; 60/20/20 train/validation/test",
        DataFiles.LoadHousing,
        () => Sequential(
            ("fc1", Linear(12, 64)), ("relu1", ReLU()),
            ("fc2", Linear(64, 64)), ("relu2", ReLU()),
            ("out", Linear(64, 1))),
        epochs: 20,
        batchSize: 32,
        standardizeFeatures: true)
    {
        Source = "housing",
    };

    /// <summary>
    /// Fine-tuning: an MLP trunk pretrained on digits 0–4, a new 5-way head on digits 5–9, the whole net trained with Adam. The
    /// two halves share no row.
    /// </summary>
    public static BenchmarkTask DigitsMlpFineTune()
    {
        var trunk = new PretrainedTrunk(() => DataFiles.LoadDigits().SelectClasses("digits 0-4", 0, 1, 2, 3, 4), CreateDigitsMlpTrunk, 128);
        return new BenchmarkTask(
            "digits-mlp-finetune",
            $"fine-tuning: MLP 64-128-128 {trunk.Describe("digits 0–4")}, new head 128-5 on digits 5–9, whole net trained; 60/20/20 train/validation/test",
            () => DataFiles.LoadDigits().SelectClasses("digits 5-9", 5, 6, 7, 8, 9),
            seed => trunk.CreateFineTuningModel(seed, 5),
            epochs: 4,
            batchSize: 64,
            standardizeFeatures: false,
            sampleShape: null,
            optimizer: TaskOptimizer.Adam,
            validationFraction: 0.2,
            testFraction: 0.2)
        {
            Source = "digits",
        };
    }

    /// <summary>
    /// Fine-tuning with SGD: the digits CNN's convolutional trunk pretrained on digits 5–9, a new 5-way head on digits 0–4, the
    /// whole net trained with SGD + momentum (a second architecture, optimizer and direction of transfer).
    /// </summary>
    public static BenchmarkTask DigitsCnnFineTuneSgd()
    {
        long[] shape = [1, 8, 8];
        var trunk = new PretrainedTrunk(() => DataFiles.LoadDigits().SelectClasses("digits 5-9", 5, 6, 7, 8, 9), CreateDigitsCnnTrunk, 32 * 4 * 4, shape);
        return new BenchmarkTask(
            "digits-cnn-finetune-sgd",
            $"fine-tuning: CNN conv3×3(16)-conv3×3(32)-maxpool {trunk.Describe("digits 5–9")}, new head 512-5 on digits 0–4, whole net trained with SGD; 60/20/20 train/validation/test",
            () => DataFiles.LoadDigits().SelectClasses("digits 0-4", 0, 1, 2, 3, 4),
            seed => trunk.CreateFineTuningModel(seed, 5),
            epochs: 4,
            batchSize: 64,
            standardizeFeatures: false,
            sampleShape: shape,
            optimizer: TaskOptimizer.SgdMomentum,
            validationFraction: 0.2,
            testFraction: 0.2)
        {
            Source = "digits",
        };
    }

    /// <summary>
    /// BatchNorm with SGD: BatchNorm makes the loss insensitive to the scale of the weights before it, which changes how the
    /// loss responds to the rate, and SGD has no per-parameter normalisation to hide that. An MLP, not a CNN: as informative
    /// here and a fifth of the cost.
    /// </summary>
    public static BenchmarkTask DigitsMlpBatchNormSgd() => new(
        "digits-mlp-bn-sgd",
        "MLP 64-128-BN-128-BN-10 (ReLU, BatchNorm1d) on 8×8 digits, SGD momentum 0.9; 60/20/20 train/validation/test",
        DataFiles.LoadDigits,
        () => Sequential(
            ("fc1", Linear(64, 128)), ("bn1", BatchNorm1d(128)), ("relu1", ReLU()),
            ("fc2", Linear(128, 128)), ("bn2", BatchNorm1d(128)), ("relu2", ReLU()),
            ("out", Linear(128, 10))),
        epochs: 5,
        batchSize: 64,
        standardizeFeatures: false,
        optimizer: TaskOptimizer.SgdMomentum)
    {
        Source = "digits",
    };

    /// <summary>A convex model: softmax regression has one basin, so the good rates are bounded by curvature alone.</summary>
    public static BenchmarkTask DigitsSoftmaxSgd() => new(
        "digits-softmax-sgd",
        "softmax regression 64-10 (convex) on 8×8 digits, SGD momentum 0.9; 60/20/20 train/validation/test",
        DataFiles.LoadDigits,
        () => Sequential(("out", Linear(64, 10))),
        epochs: 10,
        batchSize: 64,
        standardizeFeatures: false,
        optimizer: TaskOptimizer.SgdMomentum)
    {
        Source = "digits",
    };

    /// <summary>A second convex model, binary and on another data set, with Adam.</summary>
    public static BenchmarkTask BreastCancerLogistic() => new(
        "breast-cancer-logistic",
        "logistic regression 9-2 (convex) on Wisconsin breast cancer (683 rows without missing values), standardised features, Adam; 60/20/20 train/validation/test",
        DataFiles.LoadBreastCancer,
        () => Sequential(("out", Linear(9, 2))),
        epochs: 20,
        batchSize: 32,
        standardizeFeatures: true)
    {
        Source = "breast-cancer",
    };

    /// <summary>
    /// Small data, long budget: 150 training rows and 60 epochs, where the best rate is the one that does not overfit, not the
    /// one that descends fastest. Validation and test keep 20% of all rows each, so they still rank learning rates.
    /// </summary>
    public static BenchmarkTask DigitsSmallMlp() => new(
        "digits-small-mlp",
        "the digits MLP on 150 training rows (15 per class), 60 epochs; 20% validation, 20% test of all rows",
        DataFiles.LoadDigits,
        CreateDigitsMlp,
        epochs: 60,
        batchSize: 32,
        standardizeFeatures: false)
    {
        Source = "digits",
        MaxTrainCount = 150,
    };

    /// <summary>
    /// The TorchSharp tasks every run takes (the full run, a recording without <c>--tasks</c>, the tuning tables), in report
    /// order. The pretrained-network tasks are not among them: a ResNet18 or MiniLM step costs what a thousand MLP steps do
    /// or more, so they run when named (<see cref="Named"/>).
    /// </summary>
    public static IReadOnlyList<BenchmarkTask> All() =>
    [
        DigitsMlp(), DigitsCnn(), DigitsMlpSgd(), IrisMlp(), HousingMlp(),
        DigitsMlpFineTune(), DigitsCnnFineTuneSgd(), DigitsMlpBatchNormSgd(), DigitsSoftmaxSgd(), BreastCancerLogistic(), DigitsSmallMlp(),
        .. Uci(),
    ];

    /// <summary>Every TorchSharp task <c>--tasks</c> can name: <see cref="All"/> and the pretrained-network tasks (ResNet18, MiniLM).</summary>
    public static IReadOnlyList<BenchmarkTask> Named() => [.. All(), .. Pretrained(), .. MiniLm()];

    /// <summary>Whether a task fine-tunes a real pretrained network (ML.NET's ImageNet ResNet18, MiniLM-L6).</summary>
    public static bool IsPretrained(string task) => Pretrained().Concat(MiniLm()).Any(t => t.Name == task);

    /// <summary>The data source of a task by name (runs recorded before sources were written name none); an unknown task is its own source.</summary>
    public static string SourceOf(string task) => Find(task)?.Source ?? task;

    /// <summary>The real fit's epochs of a task by name (for runs recorded before epochs were written).</summary>
    public static int EpochsOf(string task) => Find(task)?.Epochs ?? throw new ArgumentException($"'{task}' is not a task of the catalog.", nameof(task));

    private static Regret.IRegretTask? Find(string task)
    {
        var trainer = new TextClassificationTask();
        return task == trainer.Name ? trainer : Named().FirstOrDefault(t => t.Name == task);
    }

    public static Module<Tensor, Tensor> CreateDigitsMlpTrunk() => Sequential(
        ("fc1", Linear(64, 128)), ("relu1", ReLU()),
        ("fc2", Linear(128, 128)), ("relu2", ReLU()));

    public static Module<Tensor, Tensor> CreateDigitsCnnTrunk() => Sequential(
        ("conv1", Conv2d(1, 16, 3, padding: 1)), ("relu1", ReLU()),
        ("conv2", Conv2d(16, 32, 3, padding: 1)), ("relu2", ReLU()),
        ("pool", MaxPool2d(2)),
        ("flatten", Flatten()));

    public static Module<Tensor, Tensor> CreateDigitsMlp() => Sequential(
        ("fc1", Linear(64, 128)), ("relu1", ReLU()),
        ("fc2", Linear(128, 128)), ("relu2", ReLU()),
        ("out", Linear(128, 10)));

    public static Module<Tensor, Tensor> CreateDigitsCnn() => Sequential(
        ("conv1", Conv2d(1, 16, 3, padding: 1)), ("relu1", ReLU()),
        ("conv2", Conv2d(16, 32, 3, padding: 1)), ("relu2", ReLU()),
        ("pool", MaxPool2d(2)),
        ("flatten", Flatten()),
        ("out", Linear(32 * 4 * 4, 10)));

    /// <summary>
    /// An MLP of 12.7 M parameters (64-2048-2048-2048-2048-10) for the snapshot benchmark: with Adam's two moment buffers the
    /// training state is about 152 MB.
    /// </summary>
    public static Module<Tensor, Tensor> CreateLargeMlp() => Sequential(
        ("fc1", Linear(64, 2048)), ("relu1", ReLU()),
        ("fc2", Linear(2048, 2048)), ("relu2", ReLU()),
        ("fc3", Linear(2048, 2048)), ("relu3", ReLU()),
        ("fc4", Linear(2048, 2048)), ("relu4", ReLU()),
        ("out", Linear(2048, 10)));
}
