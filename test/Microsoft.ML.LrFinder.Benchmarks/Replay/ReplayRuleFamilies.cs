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

        // The shipped default read without the fit's epochs, and with a factor from the real fit's budget: a long fit over the same
        // rows (many epochs) overfits at the rate the training-loss curve finds best, which the curve cannot see; the factor
        // lowers the rate above a threshold. The shipped lagfree (first row) is the (epochs/15)^2 member.
        var shipped = new CurveOnlyMethod(LrSuggestionMethods.LagFree);
        rules.Add(new ReplayRule("lagfree, curve only", "epochs not given", LrFinderDefaults.LagFreeBandwidthDecades, shipped));
        // The rule shipped until 2026-12-06 (÷ epochs/10 above 10 epochs), kept as its own row to compare with.
        rules.Add(new ReplayRule("lagfree until 2026-12-06", "÷ (epochs/10) above 10", LrFinderDefaults.LagFreeBandwidthDecades, shipped,
            unit => Math.Min(1, 10.0 / unit.Epochs)));
        // Epochs unknown (a saved curve, the generic finder): would one fixed divisor, for the fits that might be long, do better
        // than reading the curve as it is?
        foreach (double divisor in new[] { 1, 1.25, 1.5, 2, 2.5, 3, 4 })
        {
            rules.Add(new ReplayRule("lagfree, curve only ÷ d", FormattableString.Invariant($"÷{divisor}"), LrFinderDefaults.LagFreeBandwidthDecades, shipped,
                _ => 1 / divisor));
        }

        foreach (double threshold in new[] { 5, 10, 15, 20, 40 })
        {
            foreach (double exponent in new[] { 0.25, 0.5, 0.75, 1, 1.5, 2 })
            {
                rules.Add(new ReplayRule("lagfree÷epochs", FormattableString.Invariant($"(epochs/{threshold})^{exponent}"), LrFinderDefaults.LagFreeBandwidthDecades, shipped,
                    unit => Math.Pow(Math.Min(1, threshold / unit.Epochs), exponent)));
            }
        }

        foreach (double threshold in new[] { 300, 1000, 3000 })
        {
            foreach (double exponent in new[] { 0.25, 0.5, 0.75, 1 })
            {
                rules.Add(new ReplayRule("lagfree÷steps", FormattableString.Invariant($"(steps/{threshold})^{exponent}"), LrFinderDefaults.LagFreeBandwidthDecades, shipped,
                    unit => Math.Pow(Math.Min(1, threshold / unit.Grid.Steps), exponent)));
            }
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
