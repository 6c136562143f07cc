using System.Globalization;
using System.Text.Json;

namespace Microsoft.ML.LrFinder.Benchmarks.Replay;

/// <summary>Reads the recorder's files (<c>&lt;task&gt;.s&lt;seed&gt;.json</c>, one per task and seed) from a folder.</summary>
internal static class RecordedRunReader
{
    public static IReadOnlyList<RecordedRun> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"'{folder}' is not a folder of recorded runs.", nameof(folder));
        }

        return Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToArray();
    }

    public static RecordedRun Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var sweeps = root.GetProperty("sweeps").EnumerateArray().Select(sweep => new RecordedSweep(
            sweep.GetProperty("iterations").GetInt32(),
            sweep.GetProperty("stopReason").GetString() ?? string.Empty,
            sweep.GetProperty("points").EnumerateArray().Select(p => (Number(p[0]), Number(p[1]))).ToArray())).ToArray();
        var budgets = root.GetProperty("budgets").EnumerateArray().Select(budget => new RecordedGrid(
            budget.GetProperty("name").GetString() ?? string.Empty,
            budget.GetProperty("steps").GetInt32(),
            budget.GetProperty("grid").EnumerateArray().Select(p => (Number(p[0]), Number(p[1]), Number(p[2]))).ToArray())).ToArray();
        string task = root.GetProperty("task").GetString() ?? string.Empty;
        // Runs recorded before the source and epochs were written (2026-12-01) read them from the task catalog.
        string source = root.TryGetProperty("source", out var writtenSource) ? writtenSource.GetString() ?? task : Tasks.TaskCatalog.SourceOf(task);
        int epochs = root.TryGetProperty("epochs", out var writtenEpochs) ? writtenEpochs.GetInt32() : Tasks.TaskCatalog.EpochsOf(task);
        return new RecordedRun(task, source, epochs, root.GetProperty("seed").GetInt32(), sweeps, budgets);
    }

    // Non-finite losses are written as the strings "Infinity", "-Infinity" and "NaN".
    private static double Number(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : element.GetDouble();
}
