namespace Microsoft.ML.LrFinder;

/// <summary>The default value of every <see cref="LrTuneOptions"/> setting, in one place.</summary>
public static class LrTuneDefaults
{
    /// <summary>The number of candidate learning rates probed: 3 (the selected rate and one neighbour on each side).</summary>
    public const int CandidateCount = 3;

    /// <summary>The ratio between neighbouring candidates: 3 (about half a decade).</summary>
    public const double CandidateSpacing = 3;

    /// <summary>The share of the real training budget each probe trains for: 0.2.</summary>
    public const double ProbeFraction = 0.2;

    /// <summary>The share of the training rows held out to score probes when no validation data is given (ML.NET trainers): 0.2.</summary>
    public const double HoldOutFraction = 0.2;

    /// <summary>The seed of the split that holds rows out (ML.NET trainers): 0.</summary>
    public const int HoldOutSeed = 0;
}
