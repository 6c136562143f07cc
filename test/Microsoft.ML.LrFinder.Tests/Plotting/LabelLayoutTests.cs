using Microsoft.ML.LrFinder.Plotting;

namespace Microsoft.ML.LrFinder.Tests.Plotting;

public class LabelLayoutTests
{
    [Test]
    public void Every_label_gets_its_own_row()
    {
        var placements = LabelLayout.Arrange([0.5, 0.52, 0.54, 0.56, 0.58], [0.2, 0.2, 0.2, 0.2, 0.2]);
        Assert.That(placements.Select(p => p.Row).Order(), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
    }

    [Test]
    public void A_label_near_the_right_edge_hangs_to_the_left_of_its_line()
    {
        var placements = LabelLayout.Arrange([0.1, 0.9], [0.3, 0.3]);
        Assert.Multiple(() =>
        {
            Assert.That(placements[0].RightOfLine, Is.True);
            Assert.That(placements[1].RightOfLine, Is.False);
            Assert.That(placements[1].Start, Is.EqualTo(0.6).Within(1e-12));
            Assert.That(placements.Any(p => p.Shifted), Is.False);
        });
    }

    [Test]
    public void Lines_do_not_run_through_other_labels_when_an_arrangement_avoids_it()
    {
        // Left to right, each label hanging right: the line further right must end in a lower row than the label it would cross.
        double[] lines = [0.2, 0.3, 0.4];
        double[] widths = [0.3, 0.3, 0.3];
        var placements = LabelLayout.Arrange(lines, widths);
        for (int label = 0; label < lines.Length; label++)
        {
            for (int line = 0; line < lines.Length; line++)
            {
                bool insideBox = lines[line] > placements[label].Start && lines[line] < placements[label].Start + widths[label];
                bool runsUpPast = placements[line].Row < placements[label].Row;
                Assert.That(insideBox && runsUpPast, Is.False, $"line {line} runs through label {label}");
            }
        }
    }

    [Test]
    public void A_label_wider_than_either_side_is_shifted_inside_the_plot()
    {
        var placement = LabelLayout.Arrange([0.5], [0.8])[0];
        Assert.That(placement.Shifted, Is.True);
        Assert.That(placement.Start, Is.InRange(0, 0.2));
    }

    [Test]
    public void Many_labels_are_still_placed_one_per_row()
    {
        var lines = Enumerable.Range(0, 9).Select(i => i / 10.0).ToArray();
        var placements = LabelLayout.Arrange(lines, lines.Select(_ => 0.15).ToArray());
        Assert.That(placements.Select(p => p.Row).Distinct().Count(), Is.EqualTo(9));
    }
}
