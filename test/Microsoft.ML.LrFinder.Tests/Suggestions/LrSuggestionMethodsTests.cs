namespace Microsoft.ML.LrFinder.Tests.Suggestions;

public class LrSuggestionMethodsTests
{
    [Test]
    public void All_lists_the_default_then_fastais_four_then_halfdrop()
    {
        Assert.That(LrSuggestionMethods.All.Select(m => m.Name), Is.EqualTo(new[] { "lagfree", "valley", "slide", "minimum", "steep", "halfdrop" }));
        Assert.That(LrSuggestionMethods.All.Select(m => m.Rule), Has.All.Not.Empty);
    }

    [Test]
    public void Instances_are_shared()
    {
        var first = LrSuggestionMethods.Valley;
        Assert.That(LrSuggestionMethods.Valley, Is.SameAs(first));
        Assert.That(LrSuggestionMethods.All[0], Is.SameAs(LrSuggestionMethods.LagFree));
        Assert.That(LrSuggestionMethods.All[1], Is.SameAs(LrSuggestionMethods.Valley));
    }

    [TestCase("valley", "valley")]
    [TestCase("VALLEY", "valley")]
    [TestCase(" steep ", "steep")]
    [TestCase("steepest", "steep")]
    [TestCase("halfdrop", "halfdrop")]
    public void Methods_are_found_by_name(string name, string expected)
    {
        Assert.That(LrSuggestionMethods.GetByName(name).Name, Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_name_lists_the_valid_ones()
    {
        Assert.That(LrSuggestionMethods.TryGetByName("valey", out var method), Is.False);
        Assert.That(method, Is.Null);
        var ex = Assert.Throws<ArgumentException>(() => LrSuggestionMethods.GetByName("valey"));
        Assert.That(ex!.Message, Does.Contain("lagfree, valley, slide, minimum, steep, halfdrop"));
    }

    [Test]
    public void No_name_finds_no_method()
    {
        Assert.That(LrSuggestionMethods.TryGetByName(null, out var method), Is.False);
        Assert.That(method, Is.Null);
    }

    [Test]
    public void A_comma_separated_list_parses_in_order_without_duplicates()
    {
        Assert.That(LrSuggestionMethods.Parse("slide, valley,,slide"), Is.EqualTo(new[] { LrSuggestionMethods.Slide, LrSuggestionMethods.Valley }));
    }

    [Test]
    public void A_list_with_an_unknown_name_or_no_name_is_refused_with_what_to_write()
    {
        // The CLI's --suggest prints these messages as they are.
        var unknown = Assert.Throws<ArgumentException>(() => LrSuggestionMethods.Parse("valley,nope"));
        Assert.That(unknown!.ParamName, Is.EqualTo("names"));
        Assert.That(unknown.Message, Does.StartWith("'nope' is not a suggestion method; use lagfree, valley, slide, minimum, steep, halfdrop."));
        var empty = Assert.Throws<ArgumentException>(() => LrSuggestionMethods.Parse(" , "));
        Assert.That(empty!.Message, Does.StartWith("must name at least one suggestion method."));
        Assert.Throws<ArgumentNullException>(() => LrSuggestionMethods.Parse(null!));
    }
}
