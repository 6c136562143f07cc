using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Fluent.Conditions;
using ArchUnitNET.NUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>
/// Reflection into other assemblies lives in one place per trainer family, behind the version guard: the family's
/// <c>*Internals</c> type and the <c>MemberResolver</c> they share (docs/architecture.md, "Where reflection lives"). Read from
/// the compiled IL (<see cref="LibraryArchitecture"/>), so <c>typeof</c>, <c>GetType()</c> and <c>nameof</c>, which compile to
/// no reflection, pass.
/// </summary>
public class ReflectionTests
{
    /// <summary>The calls that look a member up or make a type or an object by name at run time.</summary>
    private static readonly string[] ReflectiveCalls =
    [
        "System.Activator::CreateInstance",
        "System.Type::MakeGenericType",
        "System.Type::GetMethod",
        "System.Type::GetField",
        "System.Type::GetProperty",
        "System.Type::GetConstructor",
        "System.Type::GetNestedType",
    ];

    /// <summary>
    /// Members of System.Reflection that ordinary code uses without reflecting, each with why: the rule would otherwise fail
    /// on them.
    /// </summary>
    private static readonly string[] NotReflection =
    [
        // x.GetType().Name in an error message (TorchSharpLrFinder, TrainerHooks): a type's name, no member lookup.
        "System.String System.Reflection.MemberInfo::get_Name()",

        // LibTorchNnpack finds libtorch_cpu beside TorchSharp's assembly: a native-library search, not a member lookup.
        "System.Reflection.Assembly System.Type::get_Assembly()",
        "System.Boolean System.Runtime.InteropServices.NativeLibrary::TryLoad(System.String,System.Reflection.Assembly,System.Nullable`1<System.Runtime.InteropServices.DllImportSearchPath>,System.IntPtr&)",
    ];

    [Test]
    public void Reflection_appears_only_in_Internals_types_and_the_member_resolver()
    {
        var ordinary = LibraryArchitecture.Types.Where(t => !IsReflectionHome(t)).ToArray();
        Types().That().Are(ordinary).As("Types other than the *Internals types and MemberResolver")
            .Should().FollowCustomCondition(NoReflection, "not use System.Reflection, Activator.CreateInstance, Type.MakeGenericType or Type.Get{Method,Field,Property,Constructor,NestedType}(s)")
            .Because("every reflective access is resolved behind the version guard (docs/architecture.md, \"Where reflection lives\")")
            .Check(LibraryArchitecture.Architecture);
    }

    [Test]
    public void The_reflection_homes_are_found()
    {
        // Without this, a renamed MemberResolver or *Internals type would leave the rule checking every type but the wrong ones.
        var homes = LibraryArchitecture.Types.Where(IsReflectionHome).Select(t => t.Name).ToArray();
        Assert.That(homes, Does.Contain("MemberResolver").And.Contain("TrainerInternals`3").And.Contain("OptimizerStateInternals"));
    }

    private static bool IsReflectionHome(IType type)
    {
        string topLevel = LibraryArchitecture.TopLevelName(type);
        string name = topLevel[(topLevel.LastIndexOf('.') + 1)..].Split('`')[0];
        return name.EndsWith("Internals", StringComparison.Ordinal) || name == "MemberResolver";
    }

    private static ConditionResult NoReflection(IType type)
    {
        var uses = type.Dependencies.Select(Reflective).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        return new ConditionResult(type, uses.Length == 0, "reflects: " + string.Join("; ", uses));
    }

    /// <summary>What is reflective about a dependency, or null when nothing is.</summary>
    private static string? Reflective(ITypeDependency dependency)
    {
        if (dependency is MethodCallDependency call)
        {
            string member = call.TargetMember.FullName;
            if (NotReflection.Contains(member))
            {
                return null;
            }

            if (ReflectiveCalls.Any(c => member.Contains(c + "(", StringComparison.Ordinal) || member.Contains(c + "s(", StringComparison.Ordinal)))
            {
                return $"calls {member}";
            }

            if (member.Contains("System.Reflection.", StringComparison.Ordinal))
            {
                return $"calls {member}, which names a System.Reflection type";
            }

            return null;
        }

        // ArchUnitNET gives some dependency targets no namespace (first met when the QuestionAnswer and ObjectDetection held-out
        // losses were added); a type without one is not in System.Reflection.
        return dependency.Target.Namespace is { } ns && IsReflectionNamespace(ns.FullName) ? $"depends on {dependency.Target.FullName}" : null;
    }

    private static bool IsReflectionNamespace(string ns) => ns == "System.Reflection" || ns.StartsWith("System.Reflection.", StringComparison.Ordinal);
}
