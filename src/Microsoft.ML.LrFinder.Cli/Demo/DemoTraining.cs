using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Cli.Demo;

/// <summary>A short, plain training run of the demo's model at a fixed learning rate: what the user gets from the rate chosen.</summary>
internal static class DemoTraining
{
    /// <summary>Trains a fresh model and measures it on the held-out set.</summary>
    /// <param name="train">The training samples.</param>
    /// <param name="test">The held-out samples.</param>
    /// <param name="learningRate">Adam's learning rate, constant throughout.</param>
    /// <param name="epochs">Passes over the training set.</param>
    /// <param name="batchSize">Samples per step.</param>
    /// <param name="seed">Seeds the initial weights and the batch order, so every rate starts from the same model.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <returns>The held-out accuracy in [0, 1].</returns>
    public static double TrainAndEvaluate(
        DigitsDataset train, DigitsDataset test, double learningRate, int epochs, int batchSize, int seed, CancellationToken cancellationToken)
    {
        random.manual_seed(seed);
        using var model = DigitsModel.Create();
        using var optimizer = optim.Adam(model.parameters(), learningRate);
        using var loss = nn.CrossEntropyLoss();
        var batches = new DigitsBatches(train, batchSize, seed);
        int steps = epochs * batches.BatchesPerEpoch;
        for (int step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (features, labels) = batches.Next();
            optimizer.zero_grad();
            loss.call(model.call(features), labels).backward();
            optimizer.step();
        }

        return DigitsModel.Accuracy(model, test);
    }
}
