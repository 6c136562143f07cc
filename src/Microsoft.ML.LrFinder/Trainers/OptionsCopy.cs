using System.Reflection;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// Shallow copies of ML.NET trainer options. The options classes are public but not cloneable, and some settings the trainers
/// read are internal fields; <c>MemberwiseClone</c> copies them all, so the copy behaves exactly as the user's object.
/// </summary>
internal static class OptionsCopy
{
    private static readonly MethodInfo ShallowCopy =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.NonPublic | BindingFlags.Instance)!;

    public static T Of<T>(T options)
        where T : class => (T)ShallowCopy.Invoke(options, null)!;
}
