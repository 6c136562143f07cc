namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>
/// Where ML.NET looks for a pretrained file before downloading it: <c>&lt;MLContext.TempFilePath&gt;/mlnet/&lt;file&gt;</c>.
/// <c>--weights</c> and <c>--random-init</c> put the file there, in a folder of the run's own.
/// </summary>
internal static class PretrainedFiles
{
    /// <summary>The file name each trainer loads (the last segment of its download address in 0.23.1).</summary>
    public static string FileName(TorchSharpTrainerKind trainer) => trainer switch
    {
        TorchSharpTrainerKind.TextClassification or TorchSharpTrainerKind.SentenceSimilarity => "NasBert2000000.tsm",
        TorchSharpTrainerKind.NamedEntityRecognition => "pretrained_NasBert_14M_encoder.tsm",
        TorchSharpTrainerKind.QuestionAnswer => "pretrained_Roberta_encoder.tsm",
        TorchSharpTrainerKind.ObjectDetection => "autoformer_11m_torchsharp.bin",
        _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "unknown trainer."),
    };

    /// <summary>Makes <paramref name="weights"/> the file ML.NET loads for <paramref name="trainer"/> under <paramref name="tempFilePath"/>.</summary>
    /// <param name="trainer">Which trainer.</param>
    /// <param name="weights">The user's file.</param>
    /// <param name="tempFilePath">The run's folder, to be set as <c>MLContext.TempFilePath</c>.</param>
    /// <exception cref="CliUsageException">The file does not exist.</exception>
    public static void Provide(TorchSharpTrainerKind trainer, string weights, string tempFilePath)
    {
        if (!File.Exists(weights))
        {
            throw new CliUsageException($"--weights '{weights}' does not exist.");
        }

        string target = Path.Combine(tempFilePath, "mlnet", FileName(trainer));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // A link, not a copy: the RoBERTa encoder is ~500 MB.
        File.CreateSymbolicLink(target, Path.GetFullPath(weights));
    }
}
