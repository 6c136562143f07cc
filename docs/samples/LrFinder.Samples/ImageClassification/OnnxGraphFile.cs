using Onnx;

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

    /// <summary>The file it was read from.</summary>
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

        try
        {
            // Shared reading, not OnnxSharp's ParseFromFile: that opens the file for exclusive use, so a second process loading
            // the same model at the same moment (two benchmark runs) failed with an IOException.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return new OnnxGraphFile(path, ModelProto.Parser.ParseFrom(file).Graph);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not an ONNX model: {e.Message}", e);
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
