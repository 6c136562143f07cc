using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Platform;

/// <summary>
/// TorchSharp 0.107 hands libtorch a <c>Scalar</c>'s native handle without keeping the <c>Scalar</c> alive for the call
/// (<c>Tensor.addcdiv_(t1, t2, Scalar value)</c> reads <c>value.Handle</c> and calls <c>THSTensor_addcdiv_</c>, no
/// <c>GC.KeepAlive</c>), and <c>Adam.step</c> passes a temporary (<c>value: -step_size</c>). A collection on another thread
/// during the native call lets the finalizer free the scalar while libtorch reads it: <c>c10::Scalar::toFloat</c>, "no valid
/// tag". These tests reproduce the race on purpose (a thread collecting in a loop) and so run only on request.
/// </summary>
public class ScalarLifetimeTests
{
    [Test]
    [Explicit("Reproduces a TorchSharp 0.107 use-after-free; without a fix it aborts the test process (docs/reliability.md).")]
    public void Adam_steps_survive_collections_on_another_thread()
    {
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });

        random.manual_seed(1);
        using var weight = new Parameter(randn(4_000_000));
        using var adam = optim.Adam([weight], lr: 1e-3);
        for (int step = 0; step < 2000; step++)
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            (weight * weight).sum().backward();
            adam.step();
        }

        stop.Cancel();
        collector.Wait();
        Assert.That(weight.isfinite().all().item<bool>(), Is.True);
    }
}
