using System.Text.RegularExpressions;

namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>
/// Reflection into other assemblies lives in one place per trainer family, behind the version guard: the family's
/// <c>*Internals</c> file and the <c>MemberResolver</c> they share (docs/architecture.md, "Where reflection lives").
/// </summary>
public partial class ReflectionTests
{
    /// <summary>Files that still reflect outside an *Internals file (docs/architecture.md, "Known leaks"). The list may only shrink.</summary>
    private static readonly HashSet<string> KnownLeaks =
    [
    ];

    [Test]
    public void Reflection_appears_only_in_Internals_files_and_the_member_resolver()
    {
        var found = SourceTree.Library().Files
            .Where(f => !f.TypeName.EndsWith("Internals", StringComparison.Ordinal) && f.TypeName != "MemberResolver")
            .Where(f => ReflectionUse().IsMatch(f.Code))
            .Select(f => f.Path)
            .ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(found.Except(KnownLeaks), Is.Empty, "reflection outside an *Internals file");
            Assert.That(KnownLeaks.Except(found), Is.Empty, "a known leak is fixed: remove it from the list and from docs/architecture.md");
        });
    }

    [GeneratedRegex(@"\bBindingFlags\b|\bSystem\.Reflection\b|\bActivator\.|\bMakeGenericType\b|\.Get(Method|Field|Property|Constructor|NestedType)s?\(|\bFieldInfo\b|\bMethodInfo\b|\bPropertyInfo\b")]
    private static partial Regex ReflectionUse();
}
