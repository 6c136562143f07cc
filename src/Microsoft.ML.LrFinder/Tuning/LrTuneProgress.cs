namespace Microsoft.ML.LrFinder;

/// <summary>Reported through <see cref="IProgress{T}"/> after each probe of the tuning step.</summary>
/// <param name="Probe">The 0-based index of the probe just completed, counted over every round.</param>
/// <param name="TotalProbes">The number of probes planned over every round (fewer run when probes of a round go non-finite).</param>
/// <param name="Candidate">The probe's learning rate, validation loss, steps run and round.</param>
/// <param name="Elapsed">Time since the first probe started.</param>
public readonly record struct LrTuneProgress(int Probe, int TotalProbes, LrTuneCandidate Candidate, TimeSpan Elapsed)
{
    /// <summary>The round the probe belongs to, from 0 (as <see cref="LrTuneCandidate.Round"/>).</summary>
    public int Round { get; init; }

    /// <summary>The number of rounds planned; 1 for the single-round step.</summary>
    /// <value>Default 1.</value>
    public int TotalRounds { get; init; } = 1;

    /// <summary>The 0-based index of the probe within its round.</summary>
    public int ProbeInRound { get; init; }

    /// <summary>The number of probes of the probe's round.</summary>
    public int ProbesInRound { get; init; }

    /// <summary>Whether this probe completed its round: the survivors of the round are then known.</summary>
    public bool EndsRound => ProbeInRound == ProbesInRound - 1;
}
