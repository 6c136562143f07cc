namespace Microsoft.ML.LrFinder;

/// <summary>
/// What a sweep trains: anything that can save its training state, take one optimizer step at a given learning rate and
/// put its state back. <see cref="LrSweepRunner"/> drives it; implement it to sweep a training loop the library does not know.
/// </summary>
/// <remarks>
/// The runner calls <see cref="Snapshot"/> once, then <see cref="Step"/> once per iteration, then <see cref="Restore"/> exactly
/// once, also when a step throws or the sweep is cancelled. After <see cref="Restore"/> the target must be in the state it had
/// before <see cref="Snapshot"/>, and the snapshot's memory should be released.
/// </remarks>
public interface ILrSweepTarget
{
    /// <summary>Saves everything a training step changes (weights, optimizer state, learning rates), in memory.</summary>
    void Snapshot();

    /// <summary>Runs one optimizer step with every parameter group at (or in proportion to) <paramref name="learningRate"/>.</summary>
    /// <param name="learningRate">The learning rate of this step: finite and greater than 0.</param>
    /// <returns>The step's training loss; NaN or an infinity when training blew up (the sweep then stops).</returns>
    double Step(double learningRate);

    /// <summary>Puts back the state saved by <see cref="Snapshot"/> and releases the snapshot.</summary>
    void Restore();
}
