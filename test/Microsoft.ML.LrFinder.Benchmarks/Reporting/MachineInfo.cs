using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Reporting;

/// <summary>Where and when the figures were measured: they mean little without it.</summary>
internal sealed record MachineInfo(int Cores, string CpuModel, int TorchThreads, string Runtime, string Os, DateTimeOffset Date)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        get_num_threads(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        DateTimeOffset.UtcNow);

    public string Describe() =>
        $"{Cores} cores, {CpuModel}; libtorch CPU with {TorchThreads} intra-op threads; {Runtime}; {Os}";

    private static string ReadCpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var line = File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
