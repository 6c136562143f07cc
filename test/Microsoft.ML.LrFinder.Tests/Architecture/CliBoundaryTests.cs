using System.Reflection;
using System.Runtime.CompilerServices;

namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>
/// The <c>lrfind</c> tool is a user of the library like any other: it sees the public API only (docs/architecture.md, "The
/// CLI on the public API"), so whatever it needs is public, documented and there for users too.
/// </summary>
public class CliBoundaryTests
{
    [Test]
    public void The_library_shows_its_internals_to_no_assembly_of_the_tool()
    {
        var friends = typeof(LrFinderResult).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(attribute => attribute.AssemblyName)
            .ToArray();
        Assert.That(friends, Is.Not.Empty, "the test assembly is a friend; if none is found the check reads the wrong assembly");
        Assert.That(friends, Has.None.StartsWith("lrfind").And.None.StartsWith("Microsoft.ML.LrFinder.Cli"));
    }
}
