using System.Globalization;
using System.Text;

namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>
/// <c>bench replay DIR --units CSV</c>: every unit (task, seed, budget) with what a rule may know of the real fit (epochs,
/// steps) and the rate each anchor reads on its sweep, so that rules can be explored outside the harness; the grids stay in
/// the recorded files.
/// </summary>
internal static class ReplayUnitExport
{
    public static void Write(string path, IReadOnlyList<RecordedRun> runs, int iterations)
    {
        var scorer = new ReplayScorer(ReplayHoldOut.Source);
        double bw = LrFinderDefaults.LagFreeBandwidthDecades;
        var anchors = new (string Name, ReplayRule Rule)[]
        {
            ("lagfree", new ReplayRule("a", "a", bw, new CurveOnlyMethod(LrSuggestionMethods.LagFree))),
            ("lfmin", new ReplayRule("a", "a", bw, new LagFreeMinimumMethod("m", 1))),
            ("halfdrop", new ReplayRule("a", "a", bw, LrSuggestionMethods.HalfDrop)),
            ("valley", new ReplayRule("a", "a", bw, LrSuggestionMethods.Valley)),
            ("minimum", new ReplayRule("a", "a", bw, LrSuggestionMethods.Minimum)),
            ("edge15", new ReplayRule("a", "a", bw, new ConvergenceEdgeMethod("e", 0.15, 1))),
            ("edge60", new ReplayRule("a", "a", bw, new ConvergenceEdgeMethod("e", 0.6, 1))),
        };
        var text = new StringBuilder("task,source,seed,budget,epochs,steps," + string.Join(',', anchors.Select(a => a.Name)) + "\n");
        foreach (var unit in ReplayReport.Units(runs, iterations, null))
        {
            text.Append(CultureInfo.InvariantCulture, $"{unit.Task},{unit.Source},{unit.Seed},{unit.Grid.Name},{unit.Epochs},{unit.Grid.Steps}");
            foreach (var (_, rule) in anchors)
            {
                var rate = scorer.Suggest(rule, unit);
                text.Append(',').Append(rate is { } r ? r.ToString("R", CultureInfo.InvariantCulture) : "");
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }
}
