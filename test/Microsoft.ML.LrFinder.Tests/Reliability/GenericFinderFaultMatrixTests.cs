using Microsoft.ML.LrFinder.Tests.Fixtures;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// Issue 8's fault matrix for the generic TorchSharp finder: every fault of <see cref="FaultKind"/> at the first, a middle and
/// the last iteration, on every <see cref="GenericSetup"/>, on a real model (no mocks). After each: parameters, gradients,
/// buffers, optimizer state, learning rates, training flags and torch's random generator equal the snapshot bit for bit;
/// no native tensor is left alive and no file is left behind; the result or the exception names the iteration.
/// </summary>
[NonParallelizable]
public class GenericFinderFaultMatrixTests
{
    internal const int Iterations = 30;

    public static IEnumerable<TestCaseData> Faults() =>
        from setup in Enum.GetValues<GenericSetup>()
        from fault in Enum.GetValues<FaultKind>()
        from position in Enum.GetValues<FaultPosition>()
        select new TestCaseData(setup, fault, position).SetName($"Generic {setup}: {fault} at the {position.ToString().ToLowerInvariant()} iteration");

    public static IEnumerable<TestCaseData> Setups() =>
        Enum.GetValues<GenericSetup>().Select(setup => new TestCaseData(setup).SetName($"Generic {setup}: control, no fault"));

    [TestCaseSource(nameof(Faults))]
    public void Restores_everything_leaves_nothing_and_names_the_iteration(GenericSetup kind, FaultKind fault, FaultPosition position)
    {
        int faultAt = position switch
        {
            FaultPosition.First => 0,
            FaultPosition.Middle => Iterations / 2,
            _ => Iterations - 1,
        };
        var run = Sweep(kind, fault, faultAt);
        Assert.Multiple(() =>
        {
            Assert.That(run.StateAfter, Is.EqualTo(run.StateBefore), "parameters, gradients, buffers, optimizer state, learning rates, training flags");
            Assert.That(run.RandomStateAfter, Is.EqualTo(run.RandomStateBefore), "torch's random generator");
            Assert.That(run.LeftBehind, Is.Empty);
            FaultOutcome.AssertNamesTheIteration(fault, faultAt, Iterations, run.Result, run.Thrown);
        });
    }

    [TestCaseSource(nameof(Setups))]
    public void Control_a_clean_sweep_restores_everything_and_leaves_nothing(GenericSetup kind)
    {
        var run = Sweep(kind, fault: null, faultAt: -1);
        Assert.Multiple(() =>
        {
            Assert.That(run.Thrown, Is.Null);
            Assert.That(run.Result!.StopReason, Is.EqualTo(LrFinderStopReason.Completed));
            Assert.That(run.StateAfter, Is.EqualTo(run.StateBefore));
            Assert.That(run.RandomStateAfter, Is.EqualTo(run.RandomStateBefore));
            Assert.That(run.LeftBehind, Is.Empty);
        });
    }

    private static FaultRun Sweep(GenericSetup kind, FaultKind? fault, int faultAt)
    {
        using var setup = Create(kind);
        var options = new TorchSharpLrFinderOptions
        {
            StartLearningRate = 1e-5, EndLearningRate = 1e-1, NumberOfIterations = Iterations, Seed = 42,
        };
        if (kind == GenericSetup.AdamWAccumulating)
        {
            options.GradientAccumulationSteps = 2;
            options.MaxGradientNorm = 1;
            options.ValidationBatches = setup.Batches.Take(2).ToList();
        }

        // The iteration whose step is running: the sweep reports progress once per recorded step, after the step.
        int current = 0;
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<LrFinderProgress>(p =>
        {
            if (fault == FaultKind.ProgressThrows && p.Iteration == faultAt)
            {
                throw new InvalidOperationException(FaultOutcome.ProgressMessage);
            }

            current = p.Iteration + 1;
        });
        var loss = setup.Loss((_, value) => fault switch
        {
            FaultKind.StepThrows when current == faultAt => throw new InvalidOperationException(FaultOutcome.StepMessage),
            FaultKind.NaNLoss when current == faultAt => value * double.NaN,
            FaultKind.InfiniteLoss when current == faultAt => value + double.PositiveInfinity,
            FaultKind.Cancelled when current == faultAt => CancelThen(cancellation, value),
            FaultKind.DivergesAtOnce when current >= faultAt => value * Math.Pow(1e6, current - faultAt + 1),
            _ => value,
        });

        IEnumerable<(Tensor, Tensor)> Source()
        {
            foreach (var batch in setup.Batches)
            {
                if (fault == FaultKind.BatchSourceThrows && current == faultAt)
                {
                    throw new IOException(FaultOutcome.BatchMessage);
                }

                yield return batch;
            }
        }

        var run = new FaultRun { StateBefore = setup.Fingerprint(), RandomStateBefore = FaultRun.RandomState() };
        using (var watch = SideEffects.Watch())
        {
            try
            {
                run.Result = TorchSharpLrFinder.Find(setup.Model, setup.Optimizer, loss, Source(), options, progress, cancellation.Token);
            }
            catch (Exception ex)
            {
                run.Thrown = ex;
            }

            run.LeftBehind = watch.LeftBehind();
        }

        run.StateAfter = setup.Fingerprint();
        run.RandomStateAfter = FaultRun.RandomState();
        return run;
    }

    private static Tensor CancelThen(CancellationTokenSource cancellation, Tensor loss)
    {
        cancellation.Cancel();
        return loss;
    }

    private static SmallClassifier Create(GenericSetup kind) => kind switch
    {
        GenericSetup.WarmAdam => new SmallClassifier(seed: 3),
        GenericSetup.FreshSgdMomentum => new SmallClassifier(seed: 4, optimizer: p => optim.SGD(p, 0.01, momentum: 0.9), warmUp: false),
        _ => new SmallClassifier(seed: 5, optimizer: p =>
        {
            var all = p.ToArray();
            return optim.AdamW([
                new global::TorchSharp.Modules.AdamW.ParamGroup(all.Take(2), lr: 1e-3),
                new global::TorchSharp.Modules.AdamW.ParamGroup(all.Skip(2), lr: 3e-3),
            ]);
        }),
    };
}
