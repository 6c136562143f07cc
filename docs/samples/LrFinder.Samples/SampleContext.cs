namespace Microsoft.ML.LrFinder.Samples;

/// <summary>The samples' ML.NET context: seeded, and with <c>--random-init</c> able to run offline.</summary>
public static class SampleContext
{
    /// <summary>
    /// <c>new MLContext(seed: 1)</c>. With <paramref name="randomInit"/>, its temp folder is a fresh one holding random trial
    /// weights for <paramref name="trainer"/> (<c>LrFinderCatalog.WriteRandomWeights</c>), so the trainer loads them instead of
    /// downloading its pretrained model: for trying the sample offline; the learning rate it finds says nothing about the
    /// pretrained model.
    /// </summary>
    /// <param name="trainer">The trainer the sample runs.</param>
    /// <param name="randomInit">Whether to write random trial weights instead of downloading.</param>
    /// <returns>The context to create the trainer from.</returns>
    public static MLContext Create(TorchSharpTrainerKind trainer, bool randomInit)
    {
        var mlContext = new MLContext(seed: 1);
        if (randomInit)
        {
            mlContext.TempFilePath = Directory.CreateTempSubdirectory("lrfinder-sample-").FullName;
            mlContext.LrFinder().WriteRandomWeights(trainer);
        }

        return mlContext;
    }
}
