namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>NUnit categories for tests that need more than CI's budget of time or memory.</summary>
public static class TestCategories
{
    /// <summary>
    /// Needs the ~500 MB RoBERTa weight file and several GB of memory (QuestionAnswer). Excluded from the default run by
    /// <c>--filter "TestCategory!=Large"</c>; run them with <c>--filter "TestCategory=Large"</c>.
    /// </summary>
    public const string Large = "Large";
}
