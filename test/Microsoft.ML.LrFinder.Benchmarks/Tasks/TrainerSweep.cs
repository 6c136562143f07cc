using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>The one place the benchmarks call the library's ML.NET trainer integration.</summary>
internal static class TrainerSweep
{
    public static LrFinderResult TextClassification(
        MLContext mlContext, TextClassificationTrainer.TextClassificationOptions options, IDataView train, LrFinderOptions finderOptions) =>
        mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.TextClassification(options), train, finderOptions.CopyTo(new LrFinderTrainerOptions()));
}
