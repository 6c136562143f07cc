using Microsoft.ML.LrFinder.Benchmarks.Datasets;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// The pretrained part of a fine-tuning task: a trunk trained by the harness itself on another data set (other classes of the
/// same one), once per seed, and kept in memory so that every grid point, budget and sweep of the seed starts from the same
/// pretrained weights. Fine-tuning a pretrained encoder is how ML.NET's TorchSharp trainers are used, and its curves look
/// unlike a from-scratch fit's (low start, early blow-up), which is where the default rule did worst on tasks it had never seen
/// (issue 11).
/// </summary>
internal sealed class PretrainedTrunk
{
    /// <summary>The fixed pretraining recipe: Adam, one-cycle at peak 3e-3 (a safe rate for these models), 10 epochs, batch 64.</summary>
    public const double PretrainingLearningRate = 3e-3;

    public const int PretrainingEpochs = 10;

    public const int PretrainingBatchSize = 64;

    private readonly Func<Dataset> loadData;
    private readonly Func<nn.Module<Tensor, Tensor>> createTrunk;
    private readonly int trunkOutputs;
    private readonly long[]? sampleShape;
    private readonly Dictionary<int, Dictionary<string, Tensor>> weightsBySeed = [];
    private Dataset? data;

    /// <param name="loadData">The pretraining data (classification; every row is used for training).</param>
    /// <param name="createTrunk">The trunk's architecture, without a head.</param>
    /// <param name="trunkOutputs">The width of the trunk's output, which the pretraining head and the fine-tuning head read.</param>
    /// <param name="sampleShape">The shape of one sample for a CNN trunk; null keeps a flat vector.</param>
    public PretrainedTrunk(Func<Dataset> loadData, Func<nn.Module<Tensor, Tensor>> createTrunk, int trunkOutputs, long[]? sampleShape = null)
    {
        this.loadData = loadData;
        this.createTrunk = createTrunk;
        this.trunkOutputs = trunkOutputs;
        this.sampleShape = sampleShape;
    }

    public string Describe(string pretrainedOn) => FormattableString.Invariant(
        $"trunk pretrained on {pretrainedOn} (Adam, one-cycle at {PretrainingLearningRate}, {PretrainingEpochs} epochs)");

    /// <summary>
    /// The seed's fine-tuning model: the pretrained trunk and a new linear head of <paramref name="classes"/> outputs. The
    /// head's initial weights follow the seed whether or not the trunk was pretrained by this call.
    /// </summary>
    public nn.Module<Tensor, Tensor> CreateFineTuningModel(int seed, int classes)
    {
        var weights = Weights(seed);
        random.manual_seed(seed);
        var trunk = createTrunk();
        CopyInto(trunk, weights);
        return nn.Sequential(("trunk", trunk), ("head", nn.Linear(trunkOutputs, classes)));
    }

    private Dictionary<string, Tensor> Weights(int seed)
    {
        if (weightsBySeed.TryGetValue(seed, out var cached))
        {
            return cached;
        }

        data ??= loadData();
        // Another stream than the fine-tuning model's: the pretraining seed must not make the new head a copy of the old one.
        int pretrainingSeed = unchecked((seed * 7919) + 101);
        random.manual_seed(pretrainingSeed);
        using var prepared = PreparedData.Create(data, pretrainingSeed, 0, 0, standardizeFeatures: false, sampleShape);
        int stepsPerEpoch = (prepared.TrainCount + PretrainingBatchSize - 1) / PretrainingBatchSize;
        int total = stepsPerEpoch * PretrainingEpochs;
        using var batches = new BatchSet(prepared.TrainFeatures, prepared.TrainLabels, PretrainingBatchSize, pretrainingSeed, total);
        var trunk = createTrunk();
        using var model = nn.Sequential(("trunk", trunk), ("head", nn.Linear(trunkOutputs, data.ClassCount)));
        model.train();
        using var optimizer = optim.Adam(model.parameters(), lr: PretrainingLearningRate);
        for (int step = 0; step < total; step++)
        {
            BenchmarkTask.SetLearningRate(optimizer, TrainingBudget.OneCycle.LearningRateAt(PretrainingLearningRate, step, total));
            using var scope = NewDisposeScope();
            var (features, labels) = batches[step];
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(features), labels).backward();
            optimizer.step();
        }

        // Copies: state_dict() hands out the live parameters, which die with the model.
        var weights = trunk.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        weightsBySeed[seed] = weights;
        return weights;
    }

    private static void CopyInto(nn.Module<Tensor, Tensor> trunk, Dictionary<string, Tensor> weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, tensor) in trunk.state_dict())
        {
            tensor.copy_(weights[name]);
        }
    }
}
