using System.Reflection;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// Looks up the non-public members a trainer hook needs and remembers every one it could not find, so that a version guard
/// can check them all at once, before any training, and name them.
/// </summary>
internal sealed class MemberResolver
{
    private const BindingFlags AnyInstance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
    private readonly List<string> missing = [];

    /// <summary>The members that were not found or had an unexpected type, as <c>Type.Member</c>.</summary>
    public IReadOnlyList<string> Missing => missing;

    public Type? Type(Assembly assembly, string fullName)
    {
        var type = assembly.GetType(fullName, throwOnError: false);
        if (type is null)
        {
            missing.Add($"type {fullName}");
        }

        return type;
    }

    /// <summary>A nested type; a generic nested type is closed over <paramref name="genericArguments"/> (its parent's arguments).</summary>
    public Type? NestedType(Type? owner, string name, params Type[] genericArguments)
    {
        if (owner is null)
        {
            return null;
        }

        var nested = owner.GetNestedType(name, BindingFlags.Public | BindingFlags.NonPublic);
        if (nested is null)
        {
            missing.Add($"{Name(owner)}.{name}");
            return null;
        }

        return nested.IsGenericTypeDefinition ? nested.MakeGenericType(genericArguments) : nested;
    }

    /// <summary>An instance field declared on <paramref name="owner"/> whose type can be assigned to <paramref name="fieldType"/>.</summary>
    public FieldInfo? Field(Type? owner, string name, Type fieldType)
    {
        if (owner is null)
        {
            return null;
        }

        var field = owner.GetField(name, AnyInstance | BindingFlags.DeclaredOnly);
        if (field is null || !fieldType.IsAssignableFrom(field.FieldType))
        {
            missing.Add($"{Name(owner)}.{name} ({fieldType.Name})");
            return null;
        }

        return field;
    }

    /// <summary>An instance property readable on <paramref name="owner"/> whose type can be assigned to <paramref name="propertyType"/>.</summary>
    public PropertyInfo? Property(Type? owner, string name, Type propertyType)
    {
        if (owner is null)
        {
            return null;
        }

        var property = owner.GetProperty(name, AnyInstance);
        if (property?.GetMethod is null || !propertyType.IsAssignableFrom(property.PropertyType))
        {
            missing.Add($"{Name(owner)}.{name} ({propertyType.Name})");
            return null;
        }

        return property;
    }

    /// <summary>An instance method with exactly these parameter types.</summary>
    public MethodInfo? Method(Type? owner, string name, params Type[] parameterTypes)
    {
        if (owner is null)
        {
            return null;
        }

        var method = owner.GetMethod(name, AnyInstance, binder: null, parameterTypes, modifiers: null);
        if (method is null)
        {
            missing.Add($"{Name(owner)}.{name}({string.Join(", ", parameterTypes.Select(t => t.Name))})");
        }

        return method;
    }

    /// <summary>A static method with exactly these parameter types.</summary>
    public MethodInfo? StaticMethod(Type? owner, string name, params Type[] parameterTypes)
    {
        if (owner is null)
        {
            return null;
        }

        var method = owner.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, binder: null, parameterTypes, modifiers: null);
        if (method is null)
        {
            missing.Add($"static {Name(owner)}.{name}({string.Join(", ", parameterTypes.Select(t => t.Name))})");
        }

        return method;
    }

    /// <summary>A constructor with exactly these parameter types.</summary>
    public ConstructorInfo? Constructor(Type? owner, params Type[] parameterTypes)
    {
        if (owner is null)
        {
            return null;
        }

        var constructor = owner.GetConstructor(AnyInstance, binder: null, parameterTypes, modifiers: null);
        if (constructor is null)
        {
            missing.Add($"{Name(owner)}({string.Join(", ", parameterTypes.Select(t => t.Name))})");
        }

        return constructor;
    }

    /// <summary>Throws the version guard's exception when anything is missing.</summary>
    public void ThrowIfMissing(string trainerName)
    {
        if (missing.Count > 0)
        {
            throw TorchSharpInternals.Unsupported(trainerName, missing);
        }
    }

    private static string Name(Type type) => type.IsGenericType ? type.Name.Split('`')[0] : type.Name;
}
