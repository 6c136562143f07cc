using System.Globalization;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>The process's resident set size, read from /proc (Linux); the working set elsewhere.</summary>
internal static class ProcessMemory
{
    public static long ResidentBytes()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>Collects twice around the finalizers, so tensors only the GC would free are freed before a reading.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
