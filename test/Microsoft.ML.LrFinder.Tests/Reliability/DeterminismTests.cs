using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>With a seed, repeated sweeps give identical curves and suggestions, dropout included (docs/reliability.md).</summary>
[NonParallelizable]
public class DeterminismTests
{
    [Test]
    public void Repeated_seeded_sweeps_of_one_model_give_identical_curves_and_suggestions()
    {
        using var setup = new TinyModel(seed: 5, dropout: true);
        var first = setup.Sweep();
        for (int repeat = 1; repeat < 5; repeat++)
        {
            // Random numbers drawn between sweeps move torch's generator; the seed puts it back for the sweep.
            rand(10 * repeat).Dispose();
            ConcurrencyTests.AssertSameResult(setup.Sweep(), first, $"repeat {repeat}");
        }
    }

    [Test]
    public void Separately_built_identical_setups_give_identical_curves_and_suggestions()
    {
        LrFinderResult first;
        using (var setup = new TinyModel(seed: 6, dropout: true))
        {
            first = setup.Sweep();
        }

        using var again = new TinyModel(seed: 6, dropout: true);
        ConcurrencyTests.AssertSameResult(again.Sweep(), first, "second setup");
    }

    [Test]
    public void Control_without_a_seed_dropout_makes_repeated_sweeps_differ()
    {
        // Shows that the test above is not vacuous: the model draws random numbers in every step.
        using var setup = new TinyModel(seed: 5, dropout: true);
        var first = setup.Sweep(seed: null);
        rand(10).Dispose();
        Assert.That(setup.Sweep(seed: null).Curve.Points, Is.Not.EqualTo(first.Curve.Points));
    }
}
