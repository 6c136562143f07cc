using Onnx;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Samples.ImageClassification;

/// <summary>An ONNX file read with OnnxSharp: its nodes in order and its float initializers by name.</summary>
public sealed class OnnxGraphFile
{
    private readonly Dictionary<string, TensorProto> initializers;

    private OnnxGraphFile(string path, GraphProto graph)
    {
        Path = path;
        Nodes = graph.Node.ToArray();
        initializers = graph.Initializer.ToDictionary(t => t.Name);
    }

    /// <summary>The file it was read from, or the name given with the stream it was read from (an embedded resource's name).</summary>
    public string Path { get; }

    /// <summary>The graph's nodes in the order the file lists them (a topological order).</summary>
    public IReadOnlyList<NodeProto> Nodes { get; }

    /// <summary>Reads an ONNX file.</summary>
    /// <param name="path">The .onnx file.</param>
    /// <returns>Its graph.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model.</exception>
    public static OnnxGraphFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No ONNX file at '{path}'.", path);
        }

        // Shared reading, not OnnxSharp's ParseFromFile: that opens the file for exclusive use, so a second process loading
        // the same model at the same moment (two benchmark runs) failed with an IOException.
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(file, path);
    }

    /// <summary>Reads an ONNX model from a stream, such as an assembly's embedded resource.</summary>
    /// <param name="stream">The model's bytes, read to the end; the caller disposes it.</param>
    /// <param name="name">What the model is called in messages (<see cref="Path"/>), e.g. the resource's name.</param>
    /// <returns>Its graph.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold an ONNX model.</exception>
    public static OnnxGraphFile Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return new OnnxGraphFile(name, ModelProto.Parser.ParseFrom(stream).Graph);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{name}' is not an ONNX model: {e.Message}", e);
        }
    }

    /// <summary>The initializer called <paramref name="name"/>: its dimensions and its values in row-major order.</summary>
    /// <param name="name">The initializer's name, as a node's input names it.</param>
    /// <returns>The dimensions and the values.</returns>
    /// <exception cref="InvalidDataException">No float initializer has that name.</exception>
    public (long[] Dimensions, float[] Values) FloatInitializer(string name)
    {
        if (!initializers.TryGetValue(name, out var tensor) || tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"'{Path}' has no float initializer '{name}'.");
        }

        // A writer stores the values either as float_data or as little-endian raw_data; CNTK uses float_data.
        float[] values = tensor.RawData.Length > 0
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray()
            : tensor.FloatData.ToArray();
        return (tensor.Dims.ToArray(), values);
    }

    /// <summary>Copies the float initializer called <paramref name="name"/> into <paramref name="target"/>, which has its shape.</summary>
    /// <param name="name">The initializer's name.</param>
    /// <param name="target">The parameter or buffer to fill (under <c>no_grad</c> when it is a parameter).</param>
    /// <exception cref="InvalidDataException">No float initializer has that name, or its shape is not the target's.</exception>
    public void CopyInitializer(string name, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (dimensions, values) = FloatInitializer(name);
        if (!dimensions.SequenceEqual(target.shape))
        {
            throw new InvalidDataException(
                $"'{Path}': initializer {name} is [{string.Join(",", dimensions)}]; its layer wants [{string.Join(",", target.shape)}].");
        }

        using var source = tensor(values, dimensions);
        target.copy_(source);
    }

    /// <summary>The integers of a node's attribute, or <paramref name="fallback"/> when the node does not set it.</summary>
    /// <param name="node">The node.</param>
    /// <param name="attribute">The attribute's name, e.g. <c>pads</c>.</param>
    /// <param name="fallback">ONNX's default for the attribute.</param>
    /// <returns>The values.</returns>
    public static long[] Ints(NodeProto node, string attribute, long[] fallback)
    {
        ArgumentNullException.ThrowIfNull(node);
        var found = node.Attribute.FirstOrDefault(a => a.Name == attribute);
        return found is null ? fallback : found.Ints.ToArray();
    }
}
