using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>The one place the benchmarks call the library's ML.NET trainer integration.</summary>
internal static class TrainerSweep
{
    /// <summary>True once the trainer integration (branch <c>trainers</c>) is in this build.</summary>
    public static bool IsAvailable => false;

    public static LrFinderResult TextClassification(MLContext mlContext, TextClassificationTrainer trainer, IDataView train, LrFinderOptions options) =>
        throw new NotSupportedException("The ML.NET trainer integration has not landed in this build.");
}
