using Microsoft.ML.LrFinder.Reporting;

namespace Microsoft.ML.LrFinder.Tests.Reporting;

/// <summary>
/// Reading another tool's curve (<c>lrfind suggest --input</c>): columns found by name, any of the three separators, quoted
/// fields, NaN and infinities in .NET's and Python's spellings, and errors that name the line and column.
/// </summary>
public class LrCurveColumnsTests
{
    private static IReadOnlyList<(double LearningRate, double Loss)> Read(string text) =>
        LrCurveCsv.ReadColumns(new StringReader(text), "curve.csv", "lr", "loss");

    [TestCase(",")]
    [TestCase("\t")]
    [TestCase(";")]
    public void The_columns_are_found_by_name_whatever_the_separator_and_order(string separator)
    {
        string text = string.Join("\n", new[] { "\"Loss\" , step , LR", "2.5 ,0, \"1e-3\"", "2.25,1,1e-2", string.Empty, string.Empty }
            .Select(line => line.Replace(",", separator, StringComparison.Ordinal)));
        Assert.That(Read(text), Is.EqualTo(new[] { (1e-3, 2.5), (1e-2, 2.25) }));
    }

    [TestCase("nan", double.NaN)]
    [TestCase("NaN", double.NaN)]
    [TestCase("-nan", double.NaN)]
    [TestCase("inf", double.PositiveInfinity)]
    [TestCase("+inf", double.PositiveInfinity)]
    [TestCase("-inf", double.NegativeInfinity)]
    [TestCase("Infinity", double.PositiveInfinity)]
    [TestCase("-INFINITY", double.NegativeInfinity)]
    [TestCase("∞", double.PositiveInfinity)]
    [TestCase("-∞", double.NegativeInfinity)]
    public void Non_finite_losses_are_read_in_every_common_spelling(string field, double loss) =>
        Assert.That(Read($"lr,loss\n1e-3,{field}\n")[0].Loss, Is.EqualTo(loss));

    [TestCase("lr,loss\n1e-3,2\n0,1\n", "line 3, column 1 (lr): '0' must be finite and greater than 0.")]
    [TestCase("lr,loss\n1e-3,2\ninf,1\n", "line 3, column 1 (lr): 'inf' must be finite and greater than 0.")]
    [TestCase("lr,loss\n1e-3,2\n1e-3,1\n", "line 3, column 1 (lr): '1e-3' is not greater than the row before; learning rates must be strictly increasing.")]
    [TestCase("lr,loss\n1e-3,two\n", "line 2, column 2 (loss): 'two' is not a number.")]
    [TestCase("lr,loss\n1e-3\n", "line 2: 1 values; expected at least 2 (the header puts 'loss' in column 2).")]
    [TestCase("x,y\n", "line 1: the header has no column 'lr' (its columns: 'x', 'y').")]
    [TestCase("lr,LR,loss\n", "line 1: the header has two columns named 'lr'; rename one.")]
    [TestCase("\n  \n", "line 1: the file is empty; expected a header line naming the columns 'lr' and 'loss'.")]
    [TestCase("lr,loss\n1e-3,2\n\n1e-2,1\n", "line 3: blank line between rows; every line after the header must be a row.")]
    [TestCase("lr,loss\n1e-3,2\n\n \n1e-2,1\n", "line 3: blank line between rows; every line after the header must be a row.")]
    public void A_bad_file_is_refused_with_the_line_the_column_and_the_problem(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => Read(text));
        Assert.That(ex!.Message, Is.EqualTo("curve.csv: " + message));
    }

    [TestCase("iteration,lr,loss\n", "line 1, column 4: column 'smoothed_loss' is missing")]
    [TestCase("iteration,lr,loss,smoothed_loss,x\n", "line 1, column 5: unexpected extra column 'x'")]
    [TestCase("iteration,LR,loss,smoothed_loss\n", "line 1, column 2: unknown column 'LR', expected 'lr'")]
    public void The_curve_file_header_must_be_exact(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => LrCurveCsv.Read(new StringReader(text), "curve.csv"));
        Assert.That(ex!.Message, Is.EqualTo($"curve.csv: {message}; the header must be 'iteration,lr,loss,smoothed_loss'."));
    }

    [Test]
    public void A_curve_file_that_is_empty_or_has_a_non_integer_iteration_is_refused_naming_what_it_needs()
    {
        var empty = Assert.Throws<FormatException>(() => LrCurveCsv.Read(new StringReader(string.Empty), "curve.csv"));
        Assert.That(empty!.Message, Is.EqualTo("curve.csv: line 1: the file is empty; expected the header 'iteration,lr,loss,smoothed_loss'."));
        var fraction = Assert.Throws<FormatException>(() => LrCurveCsv.Read(new StringReader("iteration,lr,loss,smoothed_loss\n1.5,1e-7,2.3,2.3\n"), "curve.csv"));
        Assert.That(fraction!.Message, Is.EqualTo("curve.csv: line 2, column 1 (iteration): '1.5' is not an integer."));
    }

    [Test]
    public void A_curve_file_row_with_more_values_than_the_header_is_refused()
    {
        var ex = Assert.Throws<FormatException>(() => LrCurveCsv.Read(new StringReader("iteration,lr,loss,smoothed_loss\n0,1,2,3,4\n"), "curve.csv"));
        Assert.That(ex!.Message, Is.EqualTo("curve.csv: line 2: 5 values; expected 4 (iteration,lr,loss,smoothed_loss)."));
    }
}
