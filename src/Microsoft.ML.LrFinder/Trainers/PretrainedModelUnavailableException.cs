namespace Microsoft.ML.LrFinder;

/// <summary>
/// A TorchSharp trainer's pretrained model could not be loaded: it was not at <c>&lt;MLContext.TempFilePath&gt;/mlnet/&lt;file&gt;</c>,
/// where ML.NET looks first, and ML.NET could not download it (offline, or the download failed). Put the file there (a copy of
/// the real download), or, to try the finder without it, write random weights with
/// <see cref="LrFinderCatalog.WriteRandomWeights"/>. Nothing was trained.
/// </summary>
public sealed class PretrainedModelUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception for a trainer whose pretrained file ML.NET could not download.</summary>
    /// <param name="trainer">The trainer whose pretrained model is missing.</param>
    /// <param name="fileName">The file ML.NET looks for under <c>&lt;MLContext.TempFilePath&gt;/mlnet/</c>.</param>
    /// <param name="innerException">ML.NET's own error.</param>
    public PretrainedModelUnavailableException(TorchSharpTrainerKind trainer, string fileName, Exception? innerException)
        : base(
            $"ML.NET could not download the pretrained model of {trainer} ({fileName}): put the file under <MLContext.TempFilePath>/mlnet/, "
            + "or write random weights with mlContext.LrFinder().WriteRandomWeights to try the finder without it.",
            innerException)
    {
        Trainer = trainer;
        FileName = fileName;
    }

    /// <summary>The trainer whose pretrained model is missing.</summary>
    public TorchSharpTrainerKind Trainer { get; }

    /// <summary>The file ML.NET looks for under <c>&lt;MLContext.TempFilePath&gt;/mlnet/</c>, for example <c>NasBert2000000.tsm</c>.</summary>
    public string FileName { get; }
}
