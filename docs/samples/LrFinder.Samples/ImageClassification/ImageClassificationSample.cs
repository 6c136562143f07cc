using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>
/// docs/image-classification.md: fine-tunes ML.NET's pretrained ImageNet ResNet18 on a folder of the user's images with the
/// learning rate the finder selects. Load, sweep, plot, fit, evaluate; runs offline, on a CPU, in TorchSharp (ML.NET's own
/// image classifier needs TensorFlow).
/// </summary>
public static class ImageClassificationSample
{
    /// <summary>The rate the fit falls back to when the finder selects none (Adam's usual default).</summary>
    public const double FallbackLearningRate = 1e-3;

    /// <summary>Runs the sample.</summary>
    /// <param name="imageFolder">One subfolder of images per class.</param>
    /// <param name="outputFolder">Where the plot (<c>image-classification.png</c>) and the curve (<c>image-classification.csv</c>) go.</param>
    /// <param name="imageSize">The side images are resized to; default 32 (small inputs keep a CPU fast), at least <see cref="ResNet18.MinimumImageSize"/>.</param>
    /// <param name="epochs">Passes over the training images in the fit; default 5.</param>
    /// <param name="sweepIterations">Steps of the learning-rate sweep; default 100.</param>
    /// <param name="batchSize">Images per step, in the sweep and in the fit alike; default 16.</param>
    /// <returns>The classes, the sweep, the rate used and the held-out accuracy before and after the fit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is less than <see cref="ResNet18.MinimumImageSize"/>.</exception>
    public static ImageClassificationOutcome Run(
        string imageFolder, string outputFolder, int imageSize = 32, int epochs = 5, int sweepIterations = 100, int batchSize = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, ResNet18.MinimumImageSize);
        random.manual_seed(1);
        var shuffle = new Random(1);

        // 1. Load: the folder names are the classes; ML.NET's preprocessing (BGR minus the mean image), then a held-out fifth.
        using var preprocessing = ImageNetPreprocessing.Load();
        var (train, heldOut) = LoadPrepared(imageFolder, imageSize, preprocessing);
        using var trainImages = train;
        using var heldOutImages = heldOut;

        // 2. The pretrained trunk from the ONNX file the Microsoft.ML.DnnImageFeaturizer.ResNet18 package copies next to the app.
        using var model = new ResNet18Classifier(ResNet18OnnxWeights.Load(), train.ClassNames.Count);
        using var loss = nn.CrossEntropyLoss();
        double accuracyBefore = Accuracy(model, heldOut, batchSize);

        // 3. Sweep with the optimizer and batch size of the fit; the finder puts the model and optimizer back afterwards.
        using var optimizer = optim.Adam(model.parameters(), lr: FallbackLearningRate);
        var sweep = TorchSharpLrFinder.Find(
            model, optimizer, loss.call, train.Batches(batchSize, shuffle),
            new TorchSharpLrFinderOptions { NumberOfIterations = sweepIterations, TrainingSchedule = LrTrainingSchedule.Constant, TrainingEpochs = epochs });

        // 4. Plot and report: every suggestion is marked where it was read.
        Console.WriteLine(sweep.ToText());
        sweep.SavePlot(Path.Combine(outputFolder, "image-classification.png"));
        sweep.SaveCsv(Path.Combine(outputFolder, "image-classification.csv"));

        // 5. Fit at the selected rate, constant, for the whole budget.
        double learningRate = sweep.SelectedLearningRate ?? FallbackLearningRate;
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        for (int epoch = 0; epoch < epochs; epoch++)
        {
            model.train();
            foreach (var (images, labels) in train.Batches(batchSize, shuffle))
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                loss.call(model.call(images), labels).backward();
                optimizer.step();
            }
        }

        // 6. Evaluate on the held-out images.
        double accuracy = Accuracy(model, heldOut, batchSize);
        Console.WriteLine($"Fitted at {LrFormat.LearningRate(learningRate)} for {epochs} epochs: held-out accuracy {accuracyBefore:P0} → {accuracy:P0}");
        return new ImageClassificationOutcome(train.ClassNames, sweep, learningRate, accuracyBefore, accuracy);
    }

    private static (LabelledImages Train, LabelledImages HeldOut) LoadPrepared(string imageFolder, int imageSize, ImageNetPreprocessing preprocessing)
    {
        using var raw = ImageFolder.Load(imageFolder, imageSize);
        using var prepared = new LabelledImages(preprocessing.Apply(raw.Images), raw.Labels.clone(), raw.ClassNames);
        return prepared.Split(heldOutFraction: 0.2, seed: 1);
    }

    /// <summary>The share of <paramref name="data"/> the model classifies right, in evaluation mode (batch normalization's running statistics).</summary>
    private static double Accuracy(nn.Module<Tensor, Tensor> model, LabelledImages data, int batchSize)
    {
        model.eval();
        using var noGrad = no_grad();
        long right = 0;
        foreach (var (images, labels) in data.Batches(batchSize, new Random(0)))
        {
            using var scope = NewDisposeScope();
            right += model.call(images).argmax(1).eq(labels).sum().item<long>();
        }

        model.train();
        return (double)right / data.Count;
    }
}
