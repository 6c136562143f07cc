using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// <c>./build.sh bench check TASK:RATE:BUDGET …</c>: trains a task once (seed 1) at a rate under a budget (<c>one-cycle</c> or
/// <c>constant</c>) and prints its held-out loss and accuracy, to see whether a new task learns at all before recording it
/// (a task that cannot be learnt scores every rate alike). Accuracy beside the majority class's share, for classification.
/// </summary>
internal static class LearningCheck
{
    private const int Seed = 1;

    public static int Run(IReadOnlyList<string> specifications, TextWriter log)
    {
        if (specifications.Count == 0)
        {
            log.WriteLine("usage: ./build.sh bench check TASK:RATE:BUDGET … (BUDGET: one-cycle or constant), e.g. digits-resnet18-finetune:1e-3:one-cycle");
            return 2;
        }

        set_num_threads(1);
        foreach (string specification in specifications)
        {
            var parts = specification.Split(':');
            var task = parts.Length == 3 ? TaskCatalog.Named().FirstOrDefault(t => t.Name == parts[0]) : null;
            var budget = parts.Length == 3 ? TrainingBudget.Both.FirstOrDefault(b => b.Name == parts[2]) : null;
            if (task is null || budget is null || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double learningRate))
            {
                log.WriteLine($"'{specification}' is not TASK:RATE:BUDGET with a task of the catalog and a budget one-cycle or constant.");
                return 2;
            }

            log.WriteLine(Check(task, learningRate, budget));
        }

        return 0;
    }

    private static string Check(BenchmarkTask task, double learningRate, TrainingBudget budget)
    {
        var clock = Stopwatch.StartNew();
        using var prepared = task.Prepare(Seed);
        using var batches = task.CreateBatches(prepared, Seed);
        using var model = task.CreateModel(Seed);
        using var optimizer = task.CreateOptimizer(model, learningRate);
        int total = task.TotalSteps(batches);
        for (int step = 0; step < total; step++)
        {
            BenchmarkTask.SetLearningRate(optimizer, budget.LearningRateAt(learningRate, step, total));
            using var scope = NewDisposeScope();
            var (features, labels) = batches[step];
            optimizer.zero_grad();
            task.Loss(model.call(features), labels).backward();
            optimizer.step();
        }

        double validationLoss = task.Evaluate(model, prepared.ValidationFeatures, prepared.ValidationLabels);
        double testLoss = task.Evaluate(model, prepared.TestFeatures, prepared.TestLabels);
        string text = Format.Invariant(
            $"{task.Name} at {Format.Lr(learningRate)} ({budget.Name}, {total} steps, {prepared.TrainCount} training rows, seed {Seed}): validation loss {Format.Loss(validationLoss)}, test loss {Format.Loss(testLoss)}");
        if (task.IsClassification)
        {
            text += Format.Invariant(
                $"; accuracy validation {Format.Percent(Accuracy(model, prepared.ValidationFeatures, prepared.ValidationLabels))}, test {Format.Percent(Accuracy(model, prepared.TestFeatures, prepared.TestLabels))} (majority class {Format.Percent(MajorityShare(prepared.ValidationLabels))})");
        }

        return text + Format.Invariant($" in {Format.Seconds(clock.Elapsed)}");
    }

    private static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor features, Tensor labels)
    {
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            return model.call(features).argmax(1).eq(labels).to_type(ScalarType.Float64).mean().item<double>();
        }
        finally
        {
            model.train();
        }
    }

    private static double MajorityShare(Tensor labels)
    {
        using var scope = NewDisposeScope();
        return labels.bincount(null).max().item<long>() / (double)labels.shape[0];
    }
}
