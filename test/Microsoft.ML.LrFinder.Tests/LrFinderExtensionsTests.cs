using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Tests;

/// <summary>What the ML.NET faces (<c>WithLrFinder</c>, <c>mlContext.LrFinder().Find</c> and <c>Tune</c>) accept and reject before anything trains.</summary>
public class LrFinderExtensionsTests
{
    [Test]
    public void A_trainer_that_is_not_a_TorchSharp_trainer_is_rejected_naming_the_parameter()
    {
        var mlContext = new MLContext(seed: 1);
        IEstimator<ITransformer> sdca = mlContext.BinaryClassification.Trainers.SdcaLogisticRegression();
        var data = mlContext.Data.LoadFromEnumerable(new[] { new { Label = true } });

        var errors = new[]
        {
            Assert.Throws<ArgumentException>(() => sdca.WithLrFinder()),
            Assert.Throws<ArgumentException>(() => mlContext.LrFinder().Find(sdca, data)),
            Assert.Throws<ArgumentException>(() => mlContext.LrFinder().Tune(sdca, data)),
        };

        Assert.Multiple(() =>
        {
            foreach (var error in errors)
            {
                Assert.That(error!.ParamName, Is.EqualTo("trainer"));
                Assert.That(error.Message, Does.Contain("SdcaLogisticRegressionBinaryTrainer").And.Contain("TextClassification"));
            }
        });
    }

    [Test]
    public void A_TorchSharp_trainer_held_as_a_general_estimator_is_accepted()
    {
        var mlContext = PretrainedWeights.CreateContext(seed: 1);
        IEstimator<ITransformer> trainer = mlContext.MulticlassClassification.Trainers.TextClassification(new TextClassificationTrainer.TextClassificationOptions());

        var finder = trainer.WithLrFinder();

        Assert.That(finder.Trainer, Is.SameAs(trainer));
    }

    [Test]
    public void Invalid_options_are_rejected_when_the_finder_is_created()
    {
        var trainer = new MLContext(seed: 1).MulticlassClassification.Trainers.TextClassification();

        Assert.Multiple(() =>
        {
            Assert.That(
                () => trainer.WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 1 }),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("NumberOfIterations"));
            Assert.That(
                () => trainer.WithLrFinder(new LrFinderTrainerOptions { MaximumRows = 0 }),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("MaximumRows"));
        });
    }

    [Test]
    public void The_finder_copies_its_options()
    {
        var options = new LrFinderTrainerOptions { NumberOfIterations = 50 };
        var finder = new MLContext(seed: 1).MulticlassClassification.Trainers.TextClassification().WithLrFinder(options);

        options.NumberOfIterations = 7;

        Assert.That(finder.Options.NumberOfIterations, Is.EqualTo(50));
    }
}
