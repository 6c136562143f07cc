namespace Microsoft.ML.LrFinder.Plotting;

/// <summary>
/// Places suggestion labels in rows above the curve, one row per label, so no two labels overlap. Each label hangs off its
/// marker line to the right or to the left; the line runs from the axis up to its own row. Rows and sides are chosen to
/// keep labels inside the plot and to minimise marker lines running behind other labels.
/// </summary>
internal static class LabelLayout
{
    /// <summary>Up to this many labels every arrangement is tried (6! rows × 2⁶ sides = 46 080); beyond it a simple order is used.</summary>
    private const int ExhaustiveLimit = 6;

    /// <summary>Where one label goes.</summary>
    /// <param name="Row">0 is the top row.</param>
    /// <param name="Start">Fraction of the plot width where the label's box starts.</param>
    /// <param name="RightOfLine">Whether the label extends to the right of its line.</param>
    /// <param name="Shifted">Whether the label was too wide for its side and was moved to stay inside the plot.</param>
    public readonly record struct Placement(int Row, double Start, bool RightOfLine, bool Shifted);

    /// <param name="lines">The fraction of the plot width (0 left, 1 right) of each label's marker line.</param>
    /// <param name="widths">The fraction of the plot width each label needs, gap to the line included.</param>
    public static Placement[] Arrange(IReadOnlyList<double> lines, IReadOnlyList<double> widths)
    {
        int count = lines.Count;
        var order = Enumerable.Range(0, count).OrderBy(i => lines[i]).ThenBy(i => i).ToArray();
        if (count == 0)
        {
            return [];
        }

        if (count > ExhaustiveLimit)
        {
            var simple = new Placement[count];
            for (int row = 0; row < count; row++)
            {
                int label = order[row];
                simple[label] = Place(row, lines[label], widths[label], Fits(lines[label], widths[label], right: true));
            }

            return simple;
        }

        Placement[]? best = null;
        (int Overflow, int Crossings, int LeftSides, int Inversions) bestCost = (int.MaxValue, 0, 0, 0);
        var rows = new int[count];
        foreach (var permutation in Permutations(order))
        {
            for (int row = 0; row < count; row++)
            {
                rows[permutation[row]] = row;
            }

            int inversions = CountInversions(permutation, lines);
            for (int sides = 0; sides < 1 << count; sides++)
            {
                var candidate = new Placement[count];
                int overflow = 0;
                int leftSides = 0;
                for (int label = 0; label < count; label++)
                {
                    bool right = (sides & (1 << label)) == 0;
                    leftSides += right ? 0 : 1;
                    overflow += Fits(lines[label], widths[label], right) ? 0 : 1;
                    candidate[label] = Place(rows[label], lines[label], widths[label], right);
                }

                var cost = (overflow, CountCrossings(candidate, lines, widths), leftSides, inversions);
                if (cost.CompareTo(bestCost) < 0)
                {
                    bestCost = cost;
                    best = candidate;
                }
            }
        }

        return best!;
    }

    private static bool Fits(double line, double width, bool right) =>
        right ? line + width <= 1 : line - width >= 0;

    private static Placement Place(int row, double line, double width, bool right)
    {
        double start = right ? line : line - width;

        // A label too wide for its side is kept inside the plot; its line still ends in the label's row.
        double clamped = Math.Clamp(start, 0, Math.Max(0, 1 - width));
        return new Placement(row, clamped, right, clamped != start);
    }

    /// <summary>How many (line, label) pairs have a marker line running up through another label's box to a higher row.</summary>
    private static int CountCrossings(Placement[] placements, IReadOnlyList<double> lines, IReadOnlyList<double> widths)
    {
        int crossings = 0;
        for (int label = 0; label < placements.Length; label++)
        {
            for (int line = 0; line < placements.Length; line++)
            {
                if (line != label && placements[line].Row < placements[label].Row
                    && lines[line] >= placements[label].Start && lines[line] <= placements[label].Start + widths[label])
                {
                    crossings++;
                }
            }
        }

        return crossings;
    }

    private static int CountInversions(int[] permutation, IReadOnlyList<double> lines)
    {
        int inversions = 0;
        for (int i = 0; i < permutation.Length; i++)
        {
            for (int j = i + 1; j < permutation.Length; j++)
            {
                inversions += lines[permutation[i]] > lines[permutation[j]] ? 1 : 0;
            }
        }

        return inversions;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return (int[])items.Clone();
            yield break;
        }

        for (int first = 0; first < items.Length; first++)
        {
            var rest = items.Where((_, index) => index != first).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[first], .. tail];
            }
        }
    }
}
