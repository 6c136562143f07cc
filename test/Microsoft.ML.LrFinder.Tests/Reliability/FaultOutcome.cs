namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>What each injected fault must produce: the stop reason and iteration, or the exception with the iteration in its data.</summary>
internal static class FaultOutcome
{
    public const string StepMessage = "injected: the training step failed";
    public const string ProgressMessage = "injected: the progress handler failed";
    public const string BatchMessage = "injected: the batch source failed";

    /// <summary>
    /// The iteration a divergence injected at <paramref name="faultAt"/> is detected at: the first point is its own best, so
    /// the earliest a sweep can see divergence is the second iteration.
    /// </summary>
    public static int DivergenceDetectedAt(int faultAt) => Math.Max(faultAt, 1);

    public static void AssertNamesTheIteration(FaultKind fault, int faultAt, int iterations, LrFinderResult? result, Exception? thrown)
    {
        switch (fault)
        {
            case FaultKind.StepThrows:
                AssertThrownAt<InvalidOperationException>(thrown, StepMessage, faultAt, result);
                break;
            case FaultKind.ProgressThrows:
                AssertThrownAt<InvalidOperationException>(thrown, ProgressMessage, faultAt, result);
                break;
            case FaultKind.BatchSourceThrows:
                AssertThrownAt<IOException>(thrown, BatchMessage, faultAt, result);
                break;
            case FaultKind.NaNLoss:
                AssertStopped(result, thrown, LrFinderStopReason.NonFiniteLoss, faultAt, "the loss became NaN or infinite");
                Assert.That(result!.Curve.Points[^1].Loss, Is.NaN);
                break;
            case FaultKind.InfiniteLoss:
                AssertStopped(result, thrown, LrFinderStopReason.NonFiniteLoss, faultAt, "the loss became NaN or infinite");
                Assert.That(result!.Curve.Points[^1].Loss, Is.EqualTo(double.PositiveInfinity));
                break;
            case FaultKind.Cancelled when faultAt == iterations - 1:
                // A request that arrives during the last step is too late to stop anything: every step ran.
                AssertStopped(result, thrown, LrFinderStopReason.Completed, faultAt, "Completed");
                break;
            case FaultKind.Cancelled:
                AssertStopped(result, thrown, LrFinderStopReason.Cancelled, faultAt, "the sweep was cancelled");
                break;
            case FaultKind.DivergesAtOnce:
                AssertStopped(result, thrown, LrFinderStopReason.Diverged, DivergenceDetectedAt(faultAt), "the loss diverged");
                break;
            default:
                Assert.Fail($"unknown fault {fault}");
                break;
        }
    }

    internal static void AssertThrownAt<TException>(Exception? thrown, string message, int iteration, LrFinderResult? result)
        where TException : Exception
    {
        Assert.That(result, Is.Null);
        Assert.That(thrown, Is.TypeOf<TException>().With.Message.EqualTo(message), "the original exception, unchanged");
        Assert.That(thrown!.Data[LrSweepRunner.IterationDataKey], Is.EqualTo(iteration), "the iteration in the exception's data");
        Assert.That(thrown.Data[LrSweepRunner.LearningRateDataKey], Is.TypeOf<double>().And.GreaterThan(0));
    }

    internal static void AssertStopped(LrFinderResult? result, Exception? thrown, LrFinderStopReason reason, int lastIteration, string words)
    {
        Assert.That(thrown, Is.Null, () => $"threw {thrown}");
        Assert.That(result!.StopReason, Is.EqualTo(reason));
        Assert.That(result.IterationsRun, Is.EqualTo(lastIteration + 1));
        Assert.That(result.Curve.Points[^1].Iteration, Is.EqualTo(lastIteration));
        string report = result.ToText();
        Assert.That(report, Does.Contain(words));
        if (reason != LrFinderStopReason.Completed)
        {
            Assert.That(report, Does.Contain($"at iteration {lastIteration} "), "the text report names the iteration");
        }
    }
}
