using System.Diagnostics;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>The brute-force ground truth: the full training budget at every learning rate of a log-spaced grid.</summary>
internal static class GridSearch
{
    /// <summary><paramref name="count"/> learning rates evenly spaced in log space from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static double[] LogSpaced(double start, double end, int count)
    {
        if (count < 2)
        {
            return [start];
        }

        double logStart = Math.Log10(start), logEnd = Math.Log10(end);
        // Rounded to 12 significant digits so that the grid prints as 1e-05, 1e-04, … rather than 9.999999999999999E-05.
        return Enumerable.Range(0, count)
            .Select(i => double.Parse(Math.Pow(10, logStart + ((logEnd - logStart) * i / (count - 1))).ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>Trains the budget at every learning rate of the grid and returns the outcomes in grid order.</summary>
    public static GridResult Run(IRegretSession session, IReadOnlyList<double> learningRates, TrainingBudget budget)
    {
        var clock = Stopwatch.StartNew();
        var outcomes = learningRates.Select(lr => session.Train(lr, budget)).ToArray();
        return new GridResult(budget, outcomes, session.BudgetSteps, clock.Elapsed);
    }
}
