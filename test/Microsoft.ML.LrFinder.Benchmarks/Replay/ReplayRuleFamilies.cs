namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// The rules the replay scores: fastai's and halfdrop as they ship (no constants to fit), and our lag-free families over a grid
/// of constants, each of which leave-one-task-out validation fits on the other tasks.
/// </summary>
internal static class ReplayRuleFamilies
{
    public static readonly double[] Bandwidths = [0.05, 0.1, 0.15, 0.25, 0.4, 0.6, 0.8, 1.0];

    public static IReadOnlyList<ReplayRule> All()
    {
        var rules = new List<ReplayRule>();
        foreach (var method in LrSuggestionMethods.All)
        {
            rules.Add(new ReplayRule(method.Name, "as shipped", LrFinderDefaults.LagFreeBandwidthDecades, method));
        }

        foreach (double bandwidth in Bandwidths)
        {
            foreach (double divisor in new[] { 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
            {
                rules.Add(Rule("lf-minimum", $"÷{divisor}", bandwidth, new LagFreeMinimumMethod("lf-minimum", divisor)));
            }

            foreach (double divisor in new[] { 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
            {
                rules.Add(Rule("lf-minimum+halfdrop", $"÷{divisor}", bandwidth, new LagFreeMethod("lf-minimum+halfdrop", divisor, divisor)));
            }

            foreach (double fraction in new[] { 0.5, 0.7, 0.85, 0.95 })
            {
                foreach (double multiplier in new[] { 1, 1.5, 2, 3 })
                {
                    rules.Add(Rule("lf-level", $"{fraction}×{multiplier}", bandwidth, new LagFreeLevelMethod("lf-level", fraction, multiplier)));
                }
            }

            foreach (double divisor in new[] { 1.5, 2, 3, 4, 6 })
            {
                foreach (double rise in new[] { 0.15, 0.3, 0.6 })
                {
                    foreach (double edgeDivisor in new[] { 2, 3, 4, 6, 10 })
                    {
                        rules.Add(Rule("lf-minimum+edge", $"÷{divisor} · rise {rise} ÷{edgeDivisor}", bandwidth, new GeometricMeanMethod(
                            "lf-minimum+edge", new LagFreeMinimumMethod("lf-minimum", divisor), new ConvergenceEdgeMethod("edge", rise, edgeDivisor))));
                    }
                }
            }

            foreach (double rise in new[] { 0.05, 0.15, 0.3, 0.6 })
            {
                foreach (double divisor in new[] { 1.5, 2, 3, 4, 6, 10 })
                {
                    rules.Add(Rule("edge", $"rise {rise} ÷{divisor}", bandwidth, new ConvergenceEdgeMethod("edge", rise, divisor)));
                }
            }
        }

        return rules;
    }

    private static ReplayRule Rule(string family, string constants, double bandwidth, ILrSuggestionMethod method) =>
        new(family, FormattableString.Invariant($"bw {bandwidth} {constants}"), bandwidth, method);
}
