namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>What every trainer family's single-round tuning result must show, checked the same way for each.</summary>
internal static class SingleRoundTuneAssert
{
    /// <summary>
    /// The sweep made a suggestion; <paramref name="candidates"/> probes ran <paramref name="stepsPerProbe"/> steps each within a
    /// budget of <paramref name="budgetSteps"/>; every held-out loss is finite and positive; the chosen candidate has the lowest,
    /// and its rate is the tuned one.
    /// </summary>
    public static void ProbedAndChoseTheLowestLoss(LrTuneResult result, int budgetSteps, int candidates, int stepsPerProbe) =>
        Assert.Multiple(() =>
        {
            Assert.That(result.FinderResult.SelectedLearningRate, Is.Not.Null, "the sweep made a suggestion");
            Assert.That(result.BudgetSteps, Is.EqualTo(budgetSteps));
            Assert.That(result.Candidates, Has.Count.EqualTo(candidates));
            Assert.That(result.Candidates.Select(c => c.StepsRun), Is.All.EqualTo(stepsPerProbe));
            Assert.That(result.Candidates.Select(c => c.ValidationLoss), Is.All.Matches<double>(loss => double.IsFinite(loss) && loss > 0));
            Assert.That(result.Chosen, Is.EqualTo(result.Candidates.MinBy(c => c.ValidationLoss)));
            Assert.That(result.ChosenLearningRate, Is.AnyOf(result.Candidates.Select(c => (object?)c.LearningRate).ToArray()));
        });
}
