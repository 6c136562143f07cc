namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>
/// Where ML.NET looks for a pretrained file before downloading it: <c>&lt;MLContext.TempFilePath&gt;/mlnet/&lt;file&gt;</c>.
/// <c>--weights</c> and <c>--random-init</c> put the file there, in a folder of the run's own.
/// </summary>
internal static class PretrainedFiles
{
    /// <summary>The file name each trainer family loads (the last segment of its download address in 0.23.1).</summary>
    public static string FileName(PretrainedModel model) => model switch
    {
        PretrainedModel.NasBert => "NasBert2000000.tsm",
        PretrainedModel.NerNasBert => "pretrained_NasBert_14M_encoder.tsm",
        PretrainedModel.Roberta => "pretrained_Roberta_encoder.tsm",
        PretrainedModel.AutoFormer => "autoformer_11m_torchsharp.bin",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model."),
    };

    /// <summary>Makes <paramref name="weights"/> the file ML.NET loads for <paramref name="model"/> under <paramref name="tempFilePath"/>.</summary>
    /// <param name="model">Which pretrained model.</param>
    /// <param name="weights">The user's file.</param>
    /// <param name="tempFilePath">The run's folder, to be set as <c>MLContext.TempFilePath</c>.</param>
    /// <exception cref="CliUsageException">The file does not exist.</exception>
    public static void Provide(PretrainedModel model, string weights, string tempFilePath)
    {
        if (!File.Exists(weights))
        {
            throw new CliUsageException($"--weights '{weights}' does not exist.");
        }

        string target = Target(model, tempFilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // A link, not a copy: the RoBERTa encoder is ~500 MB.
        File.CreateSymbolicLink(target, Path.GetFullPath(weights));
    }

    /// <summary>Writes a random-weight file for <paramref name="model"/> under <paramref name="tempFilePath"/>.</summary>
    /// <param name="model">Which pretrained model.</param>
    /// <param name="tempFilePath">The run's folder, to be set as <c>MLContext.TempFilePath</c>.</param>
    /// <param name="seed">The torch seed of the weights.</param>
    public static void Randomize(PretrainedModel model, string tempFilePath, int seed)
    {
        string target = Target(model, tempFilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        RandomEncoderWeights.Write(model, target, seed);
    }

    private static string Target(PretrainedModel model, string tempFilePath) => Path.Combine(tempFilePath, "mlnet", FileName(model));
}
