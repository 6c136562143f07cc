using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.ML.LrFinder.Benchmarks.Regret;

/// <summary>
/// Writes one (task, seed) of the suite as a JSON file, <c>DIR/&lt;task&gt;.s&lt;seed&gt;.json</c>: the raw curves of its sweeps
/// and every grid learning rate's validation and test loss under each budget. A replay scorer re-scores any suggestion rule on
/// these files in seconds, where re-training the grid takes minutes per task, so the rule can be chosen (and cross-validated)
/// on data instead of on a handful of full runs.
/// </summary>
/// <remarks>
/// The shape, which the replay scorer reads (keep it stable):
/// <code>
/// {"task":"digits-mlp","source":"digits","epochs":5,"seed":3,"description":"…","lossName":"cross-entropy",
///  "sweeps":[{"iterations":100,"stopReason":"Diverged","points":[[lr,rawLoss],…]},…],
///  "budgets":[{"name":"one-cycle","steps":115,"grid":[[lr,validationLoss,testLoss],…]},…]}
/// </code>
/// Points are the raw recorded losses up to where the sweep stopped. Non-finite numbers are written as the strings
/// <c>"Infinity"</c>, <c>"-Infinity"</c> and <c>"NaN"</c> (a diverged training run scores +∞); read them back with
/// <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/>. Doubles are written round-trip exact.
/// </remarks>
internal static class RunRecordWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>The file name of one (task, seed): <c>&lt;task&gt;.s&lt;seed&gt;.json</c>.</summary>
    public static string FileName(string task, int seed) => FormattableString.Invariant($"{task}.s{seed}.json");

    /// <summary>
    /// Writes the record into <paramref name="directory"/> (created when missing) through a temporary file and a rename, so a
    /// reader polling the folder during a long recording never sees half a file. Returns the path written.
    /// </summary>
    public static string Write(string directory, IRegretTask task, int seed, IReadOnlyList<LrFinderResult> sweeps, IReadOnlyList<GridResult> grids)
    {
        Directory.CreateDirectory(directory);
        var record = new
        {
            task = task.Name,
            source = task.Source,
            epochs = task.Epochs,
            seed,
            description = task.Description,
            lossName = task.LossName,
            sweeps = sweeps.Select(s => new
            {
                iterations = s.Curve.RequestedIterations,
                stopReason = s.StopReason.ToString(),
                points = s.Curve.Points.Select(p => new[] { p.LearningRate, p.Loss }).ToArray(),
            }).ToArray(),
            budgets = grids.Select(g => new
            {
                name = g.Budget.Name,
                steps = g.BudgetSteps,
                grid = g.Outcomes.Select(o => new[] { o.LearningRate, o.ValidationLoss, o.TestLoss }).ToArray(),
            }).ToArray(),
        };

        string path = Path.Combine(directory, FileName(task.Name, seed));
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Options) + "\n");
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
