using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>The one place the benchmarks call the library's TorchSharp finder.</summary>
internal static class TorchSweep
{
    public static LrFinderResult Run(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> loss,
        BatchSet batches,
        LrFinderOptions options)
    {
        // TEMPORARY until the engine's TorchSharp finder lands: parameters only.
        var target = new TemporaryTarget(model, optimizer, loss, batches);
        return LrSweepRunner.Run(target, options);
    }

    /// <summary>The sweep target the finder builds, for timing its snapshot and restore on their own.</summary>
    public static ILrSweepTarget CreateTarget(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss, BatchSet batches) =>
        new TemporaryTarget(model, optimizer, loss, batches);

    private sealed class TemporaryTarget(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss, BatchSet batches) : ILrSweepTarget
    {
        private List<Tensor>? saved;
        private int step;

        public void Snapshot()
        {
            using var noGrad = no_grad();
            saved = model.parameters().Select(p => p.detach().clone()).ToList();
            step = 0;
        }

        public double Step(double learningRate)
        {
            BenchmarkTask.SetLearningRate(optimizer, learningRate);
            using var scope = NewDisposeScope();
            var (features, labels) = batches[step++];
            optimizer.zero_grad();
            var value = loss(model.call(features), labels);
            value.backward();
            optimizer.step();
            return value.item<float>();
        }

        public void Restore()
        {
            using var noGrad = no_grad();
            foreach (var (parameter, copy) in model.parameters().Zip(saved!))
            {
                parameter.copy_(copy);
                copy.Dispose();
            }

            saved = null;
        }
    }
}
