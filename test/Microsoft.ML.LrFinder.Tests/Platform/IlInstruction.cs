using System.Reflection;
using System.Reflection.Emit;

namespace Microsoft.ML.LrFinder.Tests.Platform;

/// <summary>
/// One instruction of a method body's IL, decoded with the runtime's own opcode table (<see cref="OpCodes"/>), so that an
/// operand byte is never read as an opcode.
/// </summary>
/// <param name="OpCode">The instruction's opcode.</param>
/// <param name="Operand">The operand as an integer (a metadata token, an argument index, a branch offset); 0 without one.</param>
internal sealed record IlInstruction(OpCode OpCode, long Operand)
{
    private static readonly Dictionary<short, OpCode> ByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The instructions of <paramref name="method"/>'s body, in order.</summary>
    public static IReadOnlyList<IlInstruction> Decode(MethodBase method)
    {
        byte[] il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        var instructions = new List<IlInstruction>();
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = ByValue.TryGetValue(value, out var known)
                ? known
                : throw new InvalidOperationException($"{method.DeclaringType}.{method.Name}: unknown opcode 0x{value:X} at {at}.");
            int size = OperandSize(opCode.OperandType, il, at);
            long operand = size switch
            {
                1 => il[at],
                2 => BitConverter.ToUInt16(il, at),
                4 => BitConverter.ToInt32(il, at),
                8 => BitConverter.ToInt64(il, at),
                _ => 0,
            };
            instructions.Add(new IlInstruction(opCode, operand));
            at += size;
        }

        return instructions;
    }

    /// <summary>The argument this instruction loads (0 is <c>this</c> in an instance method), or null when it loads none.</summary>
    public int? LoadedArgument => OpCode.Value switch
    {
        0x02 or 0x03 or 0x04 or 0x05 => OpCode.Value - 0x02, // ldarg.0 … ldarg.3
        0x0E => (int)Operand, // ldarg.s
        unchecked((short)0xFE09) => (int)Operand, // ldarg
        _ => null,
    };

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
