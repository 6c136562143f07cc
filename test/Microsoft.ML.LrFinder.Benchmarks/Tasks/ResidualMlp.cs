using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>
/// A residual MLP: an input projection, <c>blocks</c> blocks of x + Linear(ReLU(Linear(x))), each followed by a ReLU, and a
/// linear head. The skip connections let the loss respond to the rate differently from a plain stack of the same depth.
/// </summary>
internal sealed class ResidualMlp : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> input;
    private readonly ModuleList<Module<Tensor, Tensor>> blocks;
    private readonly Module<Tensor, Tensor> head;

    public ResidualMlp(int features, int width, int blockCount, int outputs)
        : base(nameof(ResidualMlp))
    {
        input = Linear(features, width);
        blocks = new ModuleList<Module<Tensor, Tensor>>(Enumerable.Range(0, blockCount)
            .Select(i => (Module<Tensor, Tensor>)Sequential(("fc1", Linear(width, width)), ("relu", ReLU()), ("fc2", Linear(width, width))))
            .ToArray());
        head = Linear(width, outputs);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var hidden = functional.relu(input.call(x));
        foreach (var block in blocks)
        {
            hidden = functional.relu(hidden + block.call(hidden));
        }

        return head.call(hidden).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
            blocks.Dispose();
            head.Dispose();
        }

        base.Dispose(disposing);
    }
}
