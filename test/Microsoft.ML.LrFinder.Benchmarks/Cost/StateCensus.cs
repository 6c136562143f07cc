using System.Reflection;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>
/// Counts the bytes an object holds in tensors and in arrays of primitives, by walking its fields. Taken before and after
/// a snapshot, the difference is what the snapshot holds, whatever form it keeps the state in; taken on an optimizer, it is
/// one copy of the parameters plus the optimizer's state.
/// </summary>
internal static class StateCensus
{
    /// <summary>Every tensor (by native handle) and primitive array reachable from <paramref name="root"/>, with its bytes.</summary>
    public static Dictionary<object, long> Reachable(object root)
    {
        var found = new Dictionary<object, long>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var item = pending.Pop();
            if (!visited.Add(item))
            {
                continue;
            }

            switch (item)
            {
                case Tensor tensor:
                    if (!tensor.IsInvalid)
                    {
                        found[tensor.Handle] = tensor.NumberOfElements * tensor.ElementSize;
                    }

                    continue;
                case Array array when array.GetType().GetElementType() is { IsPrimitive: true }:
                    found[item] = Buffer.ByteLength(array);
                    continue;
                case string or Delegate or Type or MemberInfo or Assembly or Pointer:
                    continue;
                case Array elements:
                    // Only arrays are enumerated (collections are walked through their backing arrays): enumerating an
                    // arbitrary IEnumerable could run code that creates tensors.
                    foreach (var element in elements)
                    {
                        if (element is not null && IsWalkable(element.GetType()))
                        {
                            pending.Push(element);
                        }
                    }

                    break;
            }

            for (var type = item.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPrimitive || field.FieldType.IsPointer || field.FieldType == typeof(IntPtr))
                    {
                        continue;
                    }

                    var value = field.GetValue(item);
                    if (value is null)
                    {
                        continue;
                    }

                    // Tuples and other structs can hold tensors: they arrive boxed and are walked like objects.
                    if (IsWalkable(value.GetType()))
                    {
                        pending.Push(value);
                    }
                }
            }
        }

        return found;
    }

    private static bool IsWalkable(Type type) => !type.IsPrimitive && !type.IsEnum && !type.IsPointer && type != typeof(decimal);

    public static long Bytes(object root) => Reachable(root).Values.Sum();

    /// <summary>Bytes reachable from <paramref name="root"/> now that were not in <paramref name="before"/>.</summary>
    public static long NewBytes(object root, Dictionary<object, long> before) =>
        Reachable(root).Where(pair => !before.ContainsKey(pair.Key)).Sum(pair => pair.Value);
}
