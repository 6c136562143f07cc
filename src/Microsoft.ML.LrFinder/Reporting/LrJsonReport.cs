using System.Text.Encodings.Web;
using System.Text.Json;

namespace Microsoft.ML.LrFinder.Reporting;

/// <summary>
/// The JSON report. Its keys are fixed: <c>stopReason</c>, <c>iterations</c>, <c>suggestions</c> (each <c>method</c>,
/// <c>learningRate</c>, <c>pointLearningRate</c>, <c>pointLoss</c> — on the curve named by <c>curve</c>, <c>smoothed</c> or
/// <c>lagFree</c> — and <c>explanation</c>), <c>selected</c> (<c>method</c>,
/// <c>learningRate</c>) and <c>warnings</c>. Numbers are written in shortest round-trip form; a value that does not exist
/// (no suggestion, a non-finite loss) is <c>null</c>, so that every JSON reader accepts the file.
/// </summary>
internal static class LrJsonReport
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,

        // Explanations contain characters such as '×' and '<'; the file is not embedded in HTML, so keep them readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(LrFinderResult result, Stream stream) => Write(result, null, stream);

    /// <summary>The sweep's report, with a <c>tune</c> object when <paramref name="tune"/> is given (see <see cref="WriteTune"/>).</summary>
    public static void Write(LrFinderResult result, LrTuneResult? tune, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("stopReason", result.StopReason.ToString());
        json.WriteNumber("iterations", result.IterationsRun);
        json.WriteStartArray("suggestions");
        foreach (var suggestion in result.Suggestions)
        {
            json.WriteStartObject();
            json.WriteString("method", suggestion.Method);
            WriteNumberOrNull(json, "learningRate", suggestion.LearningRate);
            WriteNumberOrNull(json, "pointLearningRate", suggestion.Point?.LearningRate);
            WriteNumberOrNull(json, "pointLoss", suggestion.PointLoss);
            json.WriteString("curve", suggestion.Curve == LrLossCurve.LagFree ? "lagFree" : "smoothed");
            json.WriteString("explanation", suggestion.Explanation);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (result.Selected is { } selected)
        {
            json.WriteStartObject("selected");
            json.WriteString("method", selected.Method);
            WriteNumberOrNull(json, "learningRate", selected.LearningRate);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("selected");
        }

        json.WriteStartArray("warnings");
        foreach (string warning in result.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        if (tune is not null)
        {
            WriteTune(json, tune);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// <c>tune</c>: <c>probeSteps</c> (the last round's), <c>budgetSteps</c>, <c>rounds</c>, <c>totalProbeSteps</c>,
    /// <c>candidates</c> (every probe of every round: <c>learningRate</c>, <c>validationLoss</c> — null when non-finite —,
    /// <c>stepsRun</c> and <c>round</c>, from 0), <c>chosen</c> (the chosen learning rate, or null) and <c>warnings</c>.
    /// </summary>
    private static void WriteTune(Utf8JsonWriter json, LrTuneResult tune)
    {
        json.WriteStartObject("tune");
        json.WriteNumber("probeSteps", tune.ProbeSteps);
        json.WriteNumber("budgetSteps", tune.BudgetSteps);
        json.WriteNumber("rounds", tune.Rounds);
        json.WriteNumber("totalProbeSteps", tune.TotalProbeSteps);
        json.WriteStartArray("candidates");
        foreach (var candidate in tune.Candidates)
        {
            json.WriteStartObject();
            WriteNumberOrNull(json, "learningRate", candidate.LearningRate);
            WriteNumberOrNull(json, "validationLoss", candidate.ValidationLoss);
            json.WriteNumber("stepsRun", candidate.StepsRun);
            json.WriteNumber("round", candidate.Round);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteNumberOrNull(json, "chosen", tune.ChosenLearningRate);
        json.WriteStartArray("warnings");
        foreach (string warning in tune.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
