using Microsoft.ML.LrFinder.Tests.Fixtures;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers;

/// <summary>
/// The smoke test of a NAS-BERT family trainer: it fits offline (random trial weights) through the public catalog, transforms,
/// and learns — its own measure of error on the training rows is lower after 4 epochs than after 1, both fits starting from one
/// seeded model. A family says how to fit it, how to measure its error and what its output columns must be.
/// </summary>
public abstract class NasBertSmokeTest
{
    /// <summary>Rows of the family's test data the fits train on.</summary>
    protected const int Rows = 32;

    /// <summary>The weight file the trainer loads in place of its download.</summary>
    protected virtual PretrainedModel Weights => PretrainedModel.NasBert;

    /// <summary>The error measure in words, for the printed line ("mean cross-entropy").</summary>
    protected abstract string ErrorName { get; }

    /// <summary>How the printed line formats the error measure (a loss with four decimals by default).</summary>
    protected virtual string FormatError(double error) => FormattableString.Invariant($"{error:F4}");

    /// <summary>The family's test data, <see cref="Rows"/> rows.</summary>
    protected abstract IDataView TrainingData(MLContext mlContext);

    /// <summary>Fits the trainer through the public catalog for <paramref name="epochs"/> epochs (torch is seeded before).</summary>
    protected abstract ITransformer Fit(MLContext mlContext, IDataView data, int epochs);

    /// <summary>The trainer's own error on the scored rows.</summary>
    protected abstract double Error(IDataView scored);

    /// <summary>Asserts the output columns the trainer adds.</summary>
    protected abstract void CheckOutputColumns(DataViewSchema scored);

    [Test]
    public void Fits_offline_and_learns_over_epochs()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1, Weights);
        var data = TrainingData(mlContext);

        double errorAfterOneEpoch = Error(SeededFit(mlContext, data, epochs: 1).Transform(data));
        var scored = SeededFit(mlContext, data, epochs: 4).Transform(data);
        double errorAfterFourEpochs = Error(scored);

        Assert.Multiple(() =>
        {
            CheckOutputColumns(scored.Schema);
            Assert.That(errorAfterFourEpochs, Is.LessThan(errorAfterOneEpoch));
        });
        TestContext.Out.WriteLine(FormattableString.Invariant($"{ErrorName} after 1 epoch {FormatError(errorAfterOneEpoch)}, after 4 epochs {FormatError(errorAfterFourEpochs)}"));
    }

    // MLContext does not seed torch before the head is initialised (docs/architecture.md); seed so both fits start from one model.
    private ITransformer SeededFit(MLContext mlContext, IDataView data, int epochs)
    {
        random.manual_seed(7);
        return Fit(mlContext, data, epochs);
    }
}
