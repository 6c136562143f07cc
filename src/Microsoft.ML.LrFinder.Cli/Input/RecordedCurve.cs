namespace Microsoft.ML.LrFinder.Cli.Input;

/// <summary>The (learning rate, loss) pairs read from a curve file, in row order.</summary>
/// <param name="LearningRates">Finite, positive and strictly increasing.</param>
/// <param name="Losses">Any value, NaN and infinities included: a diverging sweep records them.</param>
internal sealed record RecordedCurve(IReadOnlyList<double> LearningRates, IReadOnlyList<double> Losses)
{
    /// <summary>The number of rows.</summary>
    public int Count => LearningRates.Count;
}
