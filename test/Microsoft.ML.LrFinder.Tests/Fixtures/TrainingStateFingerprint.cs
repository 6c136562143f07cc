using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>Every byte a sweep could change in a model and its optimizer: parameters, gradients, buffers, optimizer state, learning rates, training flags.</summary>
internal static class TrainingStateFingerprint
{
    public static byte[][] Of(nn.Module model, OptimizerHelper optimizer)
    {
        var parts = new List<byte[]>();
        foreach (var parameter in model.parameters())
        {
            parts.Add(parameter.bytes.ToArray());
            using var gradient = parameter.grad;
            parts.Add(gradient is null ? [] : gradient.bytes.ToArray());
        }

        parts.AddRange(model.buffers().Select(b => b.bytes.ToArray()));
        using (var stream = new MemoryStream())
        {
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                optimizer.save_state_dict(writer);
            }

            parts.Add(stream.ToArray());
        }

        parts.Add(optimizer.ParamGroups.SelectMany(g => BitConverter.GetBytes(g.LearningRate).Concat(BitConverter.GetBytes(g.InitialLearningRate))).ToArray());
        parts.Add(model.modules().Prepend(model).Select(m => (byte)(m.training ? 1 : 0)).ToArray());
        return [.. parts];
    }
}
