using System.Buffers.Binary;
using System.Text;

namespace Microsoft.ML.LrFinder.Build;

/// <summary>
/// Marks chosen symbol-version requirements of an ELF shared library as weak (VER_FLG_WEAK), so that the dynamic loader
/// accepts the library when the system library does not define that version. Only safe for versions whose symbols are never
/// bound by a relocation: glibc's loader then has nothing to resolve and only checks the requirement, which weak makes optional.
/// </summary>
internal static class ElfVersionNeedPatcher
{
    private const uint SectionTypeGnuVersionNeed = 0x6ffffffe;
    private const ushort VersionFlagWeak = 0x2;

    /// <summary>Returns the names of the listed versions that are required and not yet weak.</summary>
    public static IReadOnlyList<string> FindStrongRequirements(byte[] elf, IReadOnlyCollection<string> versions) =>
        Walk(elf, versions, patch: false);

    /// <summary>Sets the weak flag on each listed version requirement; returns the names it changed.</summary>
    public static IReadOnlyList<string> MakeWeak(byte[] elf, IReadOnlyCollection<string> versions) =>
        Walk(elf, versions, patch: true);

    private static List<string> Walk(byte[] elf, IReadOnlyCollection<string> versions, bool patch)
    {
        // ELF64 little-endian only: the only libLibTorchSharp.so builds are x86-64 and arm64.
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file.");
        }

        var span = elf.AsSpan();
        ulong sectionHeaderOffset = BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int sectionHeaderSize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        var found = new List<string>();
        for (int s = 0; s < sectionCount; s++)
        {
            var header = span[(int)(sectionHeaderOffset + (ulong)(s * sectionHeaderSize))..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != SectionTypeGnuVersionNeed)
            {
                continue;
            }

            int offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]);
            int stringTableIndex = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            var stringHeader = span[(int)(sectionHeaderOffset + (ulong)(stringTableIndex * sectionHeaderSize))..];
            int strings = (int)BinaryPrimitives.ReadUInt64LittleEndian(stringHeader[0x18..]);

            int need = offset;
            while (true)
            {
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(span[(need + 2)..]);
                int aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 8)..]);
                for (int a = 0; a < auxCount; a++)
                {
                    ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 4)..]);
                    string name = ReadString(span, strings + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]));
                    if (versions.Contains(name) && (flags & VersionFlagWeak) == 0)
                    {
                        found.Add(name);
                        if (patch)
                        {
                            BinaryPrimitives.WriteUInt16LittleEndian(span[(aux + 4)..], (ushort)(flags | VersionFlagWeak));
                        }
                    }

                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
                }

                uint next = BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 12)..]);
                if (next == 0)
                {
                    break;
                }

                need += (int)next;
            }
        }

        return found;
    }

    private static string ReadString(ReadOnlySpan<byte> span, int offset)
    {
        int end = span[offset..].IndexOf((byte)0);
        return Encoding.ASCII.GetString(span.Slice(offset, end));
    }
}
