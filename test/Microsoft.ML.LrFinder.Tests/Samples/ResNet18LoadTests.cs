using Microsoft.ML.LrFinder.Samples.ImageClassification;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Samples;

/// <summary>
/// The TorchSharp ResNet18 of the image-classification sample, loaded with ML.NET's ImageNet weights, computes what ONNX
/// Runtime computes from ML.NET's own two graphs (the preprocessing, then the network) on the same images.
/// </summary>
[NonParallelizable]
public class ResNet18LoadTests
{
    /// <summary>Two real photos (100×75, RGBA) and a handwritten digit (8×8 gray), each resized to the export's 224×224.</summary>
    private static readonly string[] Images = ["object-detection/fruit0.png", "object-detection/fruit100.png", "digit-images/3/row0003.png"];

    [Test]
    public void The_TorchSharp_features_match_onnx_runtime_within_1e_4()
    {
        using var scope = NewDisposeScope();
        using var preprocessing = ImageNetPreprocessing.Load();
        using var model = ResNet18OnnxWeights.Load();
        model.eval();
        using var onnxPreprocessing = new InferenceSession(ImageNetPreprocessing.DefaultPath);
        using var onnxNetwork = new InferenceSession(ResNet18OnnxWeights.DefaultPath);

        foreach (string image in Images)
        {
            var rgb = ImageFolder.LoadImage(Path.Combine(TestData.Folder, image), 224);
            float[] expected = RunOnnx(onnxPreprocessing, onnxNetwork, rgb);
            float[] actual;
            using (no_grad())
            {
                actual = model.call(preprocessing.Apply(rgb)).data<float>().ToArray();
            }

            Assert.That(actual, Has.Length.EqualTo(512));
            // Measured here (TorchSharp 0.107 against ONNX Runtime 1.32, CPU): 3.6e-6, 5.7e-6 and 1.1e-5 on features up to 16.
            double largestDifference = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
            TestContext.Progress.WriteLine(FormattableString.Invariant(
                $"[resnet18-load] {image}: largest difference {largestDifference:0.0e+0}, largest feature {expected.Max():0.0}"));
            Assert.That(largestDifference, Is.LessThanOrEqualTo(1e-4), $"{image}: the largest difference of the 512 features");
            Assert.That(expected.Max(), Is.GreaterThan(0.5), $"{image}: the features are not all near zero");
        }
    }

    [Test]
    public void A_graph_that_is_not_ResNet18_is_refused_with_its_path()
    {
        var thrown = Assert.Throws<InvalidDataException>(() => ResNet18OnnxWeights.Load(ImageNetPreprocessing.DefaultPath));
        Assert.That(thrown!.Message, Does.Contain("ResNetPreprocess.onnx").And.Contain("has 0 convolutions; ML.NET's ResNet18 has 22"));
        Assert.Throws<FileNotFoundException>(() => ResNet18OnnxWeights.Load(Path.Combine(TestData.Folder, "missing.onnx")));
    }

    /// <summary>
    /// Two processes load the model at once (two benchmark recordings did): OnnxSharp's own file reader opened it for exclusive
    /// use, and the second load failed with an IOException while the first held the file.
    /// </summary>
    [Test]
    public void The_weights_load_while_another_reader_has_the_file_open()
    {
        using var otherReader = new FileStream(ResNet18OnnxWeights.DefaultPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var model = ResNet18OnnxWeights.Load();
        Assert.That(model.ConvolutionsInGraphOrder.Count(), Is.EqualTo(22));
    }

    /// <summary>ML.NET's featurizer path: ResNetPreprocess.onnx on the RGB image, then ResNet18.onnx; output [1, 512, 1, 1].</summary>
    private static float[] RunOnnx(InferenceSession preprocessing, InferenceSession network, global::TorchSharp.torch.Tensor rgb)
    {
        var input = new DenseTensor<float>(rgb.data<float>().ToArray(), [1, 3, 224, 224]);
        using var prepared = preprocessing.Run([NamedOnnxValue.CreateFromTensor("OriginalInput", input)]);
        var bgr = prepared.First(v => v.Name == "PreprocessedInput").AsTensor<float>().ToDenseTensor();
        using var features = network.Run([NamedOnnxValue.CreateFromTensor("Input247", bgr)]);
        var output = features.First(v => v.Name == "Pooling395_Output_0").AsTensor<float>();
        Assert.That(output.Dimensions.ToArray(), Is.EqualTo(new[] { 1, 512, 1, 1 }));
        return output.ToArray();
    }
}
