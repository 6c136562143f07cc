namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// One budget's grid: every rate trained for the whole budget, with its validation and test loss (+∞ when training diverged).
/// The oracle is the rate with the lowest validation loss; a rate between grid points is read by interpolation.
/// </summary>
internal sealed class RecordedGrid
{
    public RecordedGrid(string name, int steps, IReadOnlyList<(double LearningRate, double ValidationLoss, double TestLoss)> points)
    {
        Name = name;
        Steps = steps;
        Points = points.OrderBy(p => p.LearningRate).ToArray();
        var oracle = Points.MinBy(p => p.ValidationLoss);
        OracleLearningRate = oracle.LearningRate;
        OracleTestLoss = oracle.TestLoss;
    }

    public string Name { get; }

    public int Steps { get; }

    public IReadOnlyList<(double LearningRate, double ValidationLoss, double TestLoss)> Points { get; }

    /// <summary>The grid rate with the lowest validation loss: chosen on validation, scored on test.</summary>
    public double OracleLearningRate { get; }

    public double OracleTestLoss { get; }

    /// <summary>The test loss at the oracle's rate divided into the test loss read at <paramref name="learningRate"/>.</summary>
    public double Regret(double learningRate) => TestLossAt(learningRate) / OracleTestLoss;

    /// <summary>
    /// The test loss at a rate: log-loss interpolated linearly in log-rate between the two grid neighbours; when one of them
    /// diverged, the nearer one's value (a rate closer to a diverged point than to a good one counts as diverged). Outside the
    /// grid, the end point's value.
    /// </summary>
    public double TestLossAt(double learningRate)
    {
        var points = Points;
        if (learningRate <= points[0].LearningRate)
        {
            return points[0].TestLoss;
        }

        if (learningRate >= points[^1].LearningRate)
        {
            return points[^1].TestLoss;
        }

        int right = 1;
        while (points[right].LearningRate < learningRate)
        {
            right++;
        }

        var (lowRate, _, lowLoss) = points[right - 1];
        var (highRate, _, highLoss) = points[right];
        double t = Math.Log(learningRate / lowRate) / Math.Log(highRate / lowRate);
        if (!double.IsFinite(lowLoss) || !double.IsFinite(highLoss) || lowLoss <= 0 || highLoss <= 0)
        {
            return t < 0.5 ? lowLoss : highLoss;
        }

        return Math.Exp(((1 - t) * Math.Log(lowLoss)) + (t * Math.Log(highLoss)));
    }
}
