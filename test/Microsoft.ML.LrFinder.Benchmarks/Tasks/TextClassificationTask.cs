using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// ML.NET's TextClassification trainer (NAS-BERT, random-initialised encoder: see <see cref="NasBertWeights"/>) on the detox
/// comments, with the trainer's own budget: its one-cycle schedule whose peak is <c>LearningRate</c>, its Adam, its batches.
/// </summary>
internal sealed class TextClassificationTask : IRegretTask
{
    public TextClassificationTask(int epochs = 2, int batchSize = 32)
    {
        Epochs = epochs;
        BatchSize = batchSize;
    }

    public string Name => "detox-textclassification";

    public string Source => "detox";

    public string Description => "ML.NET TextClassification (NAS-BERT, random-initialised encoder) on 250 detox comments (first 48 words); 20% validation, 20% test";

    public string Budget => Format.Invariant($"the trainer's own: Adam, one-cycle at peak x (LearningRate = [x]), {Epochs} epochs, batch {BatchSize}");

    public string LossName => "cross-entropy on the Score logits";

    /// <summary>Only the trainer's own schedule: its loop offers no constant rate.</summary>
    public IReadOnlyList<TrainingBudget> Budgets { get; } = [TrainingBudget.OneCycle];

    public int Epochs { get; }

    public int BatchSize { get; }

    public IRegretSession Open(int seed) => new TextClassificationSession(this, seed);
}
