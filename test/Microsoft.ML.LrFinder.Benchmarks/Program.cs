using System.Globalization;
using Microsoft.ML.LrFinder.Benchmarks.Regret;
using Microsoft.ML.LrFinder.Benchmarks.Tasks;

namespace Microsoft.ML.LrFinder.Benchmarks;

internal static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length > 0) { global::TorchSharp.torch.set_num_threads(int.Parse(args[0])); }
        var lrs = GridSearch.LogSpaced(1e-5, 10, 13);
        foreach (var task in TaskCatalog.All())
        {
            using var prepared = task.Prepare(1);
            using var batches = task.CreateBatches(prepared, 1);
            var grid = GridSearch.Run(task, prepared, batches, 1, lrs);
            Console.WriteLine($"{task.Name}: train {prepared.TrainCount} val {prepared.ValidationCount} steps {grid.BudgetSteps} grid {grid.Elapsed.TotalSeconds:F2}s oracle {grid.Oracle.LearningRate} {grid.Oracle.ValidationLoss:F4}");
            Console.WriteLine(string.Join("  ", grid.Outcomes.Select(o => $"{o.LearningRate:0.#e0}:{o.ValidationLoss:F3}")));
        }

        return 0;
    }
}
