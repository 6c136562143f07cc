using Onnx;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>
/// Loads ML.NET's pretrained ImageNet ResNet18 (the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package's
/// <c>DnnImageModels/ResNet18Onnx/ResNet18.onnx</c>, a CNTK export) into the TorchSharp <see cref="ResNet18"/>.
/// </summary>
/// <remarks>
/// The package's build file copies its models to the output folder of a project that references it, so an application finds
/// the file at <see cref="DefaultPath"/> with no network. The loader walks the graph's convolutions in order, checks each one's
/// kernel, stride and padding and each weight's shape against the TorchSharp layer it fills, and copies the convolution weight
/// and the batch normalization's scale, shift, mean and variance that follow it; anything that does not match throws.
/// </remarks>
public static class ResNet18OnnxWeights
{
    /// <summary>Where the package's build file puts the model: <c>DnnImageModels/ResNet18Onnx/ResNet18.onnx</c> in the application's folder.</summary>
    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>Builds a <see cref="ResNet18"/> holding the weights of the ONNX file at <paramref name="onnxPath"/>.</summary>
    /// <param name="onnxPath">The ResNet18.onnx file; default null: <see cref="DefaultPath"/>.</param>
    /// <returns>The trunk, in training mode, with ML.NET's ImageNet weights.</returns>
    /// <exception cref="FileNotFoundException">There is no file at the path.</exception>
    /// <exception cref="InvalidDataException">The graph is not ML.NET's ResNet18 (the message names the node that differs).</exception>
    public static ResNet18 Load(string? onnxPath = null)
    {
        var graph = OnnxGraphFile.Read(onnxPath ?? DefaultPath);
        var model = new ResNet18();
        try
        {
            var layers = model.ConvolutionsInGraphOrder.ToArray();
            var convolutions = graph.Nodes.Where(n => n.OpType == "Conv").ToArray();
            if (convolutions.Length != layers.Length)
            {
                throw new InvalidDataException(
                    $"'{graph.Path}' has {convolutions.Length} convolutions; ML.NET's ResNet18 has {layers.Length}.");
            }

            using (no_grad())
            {
                for (int i = 0; i < layers.Length; i++)
                {
                    Fill(graph, convolutions[i], NormalizationAfter(graph, convolutions[i]), layers[i]);
                }
            }

            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static NodeProto NormalizationAfter(OnnxGraphFile graph, NodeProto convolution) =>
        graph.Nodes.SingleOrDefault(n => n.OpType == "BatchNormalization" && n.Input[0] == convolution.Output[0])
        ?? throw new InvalidDataException($"'{graph.Path}': convolution {convolution.Output[0]} is not followed by a batch normalization.");

    private static void Fill(OnnxGraphFile graph, NodeProto convolution, NodeProto normalization, ConvBatchNorm layer)
    {
        long[] kernel = OnnxGraphFile.Ints(convolution, "kernel_shape", []);
        long[] strides = OnnxGraphFile.Ints(convolution, "strides", [1, 1]);
        long[] pads = OnnxGraphFile.Ints(convolution, "pads", [0, 0, 0, 0]);
        bool sameShape = kernel.SequenceEqual([layer.KernelSize, layer.KernelSize])
            && strides.SequenceEqual([layer.Stride, layer.Stride])
            && pads.SequenceEqual(layer.OnnxPads)
            && convolution.Input.Count == 2;
        if (!sameShape)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"'{graph.Path}': convolution {convolution.Output[0]} has kernel [{string.Join(",", kernel)}], strides [{string.Join(",", strides)}], pads [{string.Join(",", pads)}] and {convolution.Input.Count - 1} weight inputs; layer {layer.GetName()} expects kernel {layer.KernelSize}, stride {layer.Stride}, pads [{string.Join(",", layer.OnnxPads)}] and no bias."));
        }

        var epsilon = normalization.Attribute.FirstOrDefault(a => a.Name == "epsilon");
        if (epsilon is not null && Math.Abs(epsilon.F - ConvBatchNorm.Epsilon) > 1e-9)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"'{graph.Path}': batch normalization {normalization.Output[0]} has epsilon {epsilon.F}; the layer uses {ConvBatchNorm.Epsilon}."));
        }

        graph.CopyInitializer(convolution.Input[1], layer.Weight);
        graph.CopyInitializer(normalization.Input[1], layer.Norm.weight!);
        graph.CopyInitializer(normalization.Input[2], layer.Norm.bias!);
        graph.CopyInitializer(normalization.Input[3], layer.Norm.running_mean!);
        graph.CopyInitializer(normalization.Input[4], layer.Norm.running_var!);
    }
}
