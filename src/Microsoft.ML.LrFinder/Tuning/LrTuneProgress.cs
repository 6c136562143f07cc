namespace Microsoft.ML.LrFinder;

/// <summary>Reported through <see cref="IProgress{T}"/> after each probe of the tuning step.</summary>
/// <param name="Probe">The 0-based index of the probe just completed.</param>
/// <param name="TotalProbes">The number of probes planned (the number of candidates).</param>
/// <param name="Candidate">The probe's learning rate, validation loss and steps run.</param>
/// <param name="Elapsed">Time since the first probe started.</param>
public readonly record struct LrTuneProgress(int Probe, int TotalProbes, LrTuneCandidate Candidate, TimeSpan Elapsed);
