namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>
/// A pure C# sweep target: loss (w − 3)² + 1, SGD with momentum 0.9 on w. Its state is (w, velocity, steps); it records every
/// call and can be told to return NaN or throw at a step, or to throw on restore.
/// </summary>
internal sealed class ParabolaTarget : ILrSweepTarget
{
    public const string StepFailure = "step failed";
    public const string RestoreFailure = "restore failed";
    private const double InitialWeight = 10;
    private double weight = InitialWeight;
    private double velocity;
    private int steps;
    private (double Weight, double Velocity, int Steps)? saved;

    /// <summary>The loss of the current weight, without a step: what a held-out score of the target would read.</summary>
    public double CurrentLoss => ((weight - 3) * (weight - 3)) + 1;

    public int NaNAtStep { get; init; } = -1;

    public int ThrowAtStep { get; init; } = -1;

    public bool RestoreThrows { get; init; }

    public List<string> Calls { get; } = [];

    public List<double> LearningRates { get; } = [];

    public void Snapshot()
    {
        Calls.Add("snapshot");
        saved = (weight, velocity, steps);
    }

    public double Step(double learningRate)
    {
        Calls.Add("step");
        LearningRates.Add(learningRate);
        if (steps == ThrowAtStep)
        {
            throw new InvalidOperationException(StepFailure);
        }

        double loss = ((weight - 3) * (weight - 3)) + 1;
        velocity = (0.9 * velocity) + (2 * (weight - 3));
        weight -= learningRate * velocity;
        return steps++ == NaNAtStep ? double.NaN : loss;
    }

    public void Restore()
    {
        Calls.Add("restore");
        if (RestoreThrows)
        {
            throw new InvalidOperationException(RestoreFailure);
        }

        (weight, velocity, steps) = saved!.Value;
        saved = null;
    }

    public void AssertUntouched()
    {
        Assert.That((weight, velocity, steps), Is.EqualTo((InitialWeight, 0.0, 0)));
        Assert.That(Calls.Count(c => c == "snapshot"), Is.EqualTo(1));
        Assert.That(Calls.Count(c => c == "restore"), Is.EqualTo(1));
        Assert.That(Calls[^1], Is.EqualTo("restore"));
    }
}
