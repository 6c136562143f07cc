namespace Microsoft.ML.LrFinder.Tests.TorchSharp;

/// <summary>The overloads that take a loss module (what a TorchSharp user has in hand) sweep exactly as the delegate ones.</summary>
public class LossModuleTests
{
    private static LrFinderOptions Options() => new() { StartLearningRate = 1e-5, EndLearningRate = 1, NumberOfIterations = 30, Seed = 42 };

    [Test]
    public void A_loss_module_gives_the_curve_of_the_same_loss_as_a_delegate()
    {
        using var withDelegate = new SmallClassifier();
        var expected = TorchSharpLrFinder.Find(withDelegate.Model, withDelegate.Optimizer, withDelegate.LossModule.call, withDelegate.Batches, Options());

        using var withModule = new SmallClassifier();
        var actual = TorchSharpLrFinder.Find(withModule.Model, withModule.Optimizer, withModule.LossModule, withModule.Batches, Options());

        // Same seed, same model, same batches: the same losses bit for bit, so the same selection.
        Assert.That(actual.Curve.Points.Select(p => p.Loss), Is.EqualTo(expected.Curve.Points.Select(p => p.Loss)));
        Assert.That(actual.SelectedLearningRate, Is.EqualTo(expected.SelectedLearningRate));
    }

    [Test]
    public void The_module_overloads_with_options_and_a_batch_factory_compile_and_run()
    {
        using var setup = new SmallClassifier();
        var withOptions = TorchSharpLrFinder.Find(
            setup.Model, setup.Optimizer, setup.LossModule, setup.Batches, new TorchSharpLrFinderOptions { Sweep = Options() });
        var fromFactory = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, setup.LossModule, () => setup.Batches, new TorchSharpLrFinderOptions { Sweep = Options() });
        Assert.That(fromFactory.Curve.Points.Select(p => p.Loss), Is.EqualTo(withOptions.Curve.Points.Select(p => p.Loss)));
    }

    [Test]
    public void A_null_loss_module_is_named()
    {
        using var setup = new SmallClassifier();
        Assert.That(
            () => TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, (global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>)null!, setup.Batches),
            Throws.ArgumentNullException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("loss"));
    }
}
